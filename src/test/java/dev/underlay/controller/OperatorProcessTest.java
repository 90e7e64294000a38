package dev.underlay.controller;

import dev.underlay.api.v1alpha1.common.ConditionReasons;
import dev.underlay.controller.backuppolicy.BackupPolicyReconciler;
import dev.underlay.controller.cephpool.CephPoolReconciler;
import dev.underlay.controller.proxmoxcluster.ProxmoxClusterReconciler;
import dev.underlay.controller.talosnodevm.TalosNodeVMReconciler;
import dev.underlay.testing.Awaits;
import dev.underlay.testing.DeployedCrds;
import dev.underlay.testing.Fixtures;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static dev.underlay.testing.Fixtures.readyReason;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator process as a Deployment sees it: health probes, metrics, and the leader election it would use in prod.
 */
@QuarkusTest
@WithKubernetesTestServer(setup = DeployedCrds.class)
class OperatorProcessTest {

    @Inject
    KubernetesClient client;

    @Inject
    LeaderElectionConfiguration leaderElection;

    @Inject
    Operator operator;

    @TestHTTPResource("/q/health/live")
    URL live;

    @TestHTTPResource("/q/health/ready")
    URL ready;

    @TestHTTPResource("/q/metrics")
    URL metrics;

    @Test
    void healthProbesAreUpAndListEveryController() throws Exception {
        assertThat(get(live).statusCode()).isEqualTo(200);
        HttpResponse<String> readiness = get(ready);
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body())
                .contains("\"UP\"")
                .contains(
                        ProxmoxClusterReconciler.NAME,
                        CephPoolReconciler.NAME,
                        TalosNodeVMReconciler.NAME,
                        BackupPolicyReconciler.NAME);
    }

    @Test
    void reconciliationsShowUpInPrometheusMetrics() throws Exception {
        String ns = Fixtures.namespace("metrics");
        var pool = client.resource(Fixtures.pool(ns, "vm-disks", "homelab")).create();
        Awaits.in(client, ns)
                .untilAsserted(
                        "reconciled",
                        () -> assertThat(readyReason(client, pool)).isEqualTo(ConditionReasons.CLUSTER_NOT_FOUND));

        String body = get(metrics).body();
        assertThat(body)
                .containsPattern("reconciliations_started_total\\{[^}]*controller_name=\"cephpool\"[^}]*namespace=\""
                        + ns + "\"");
        assertThat(body).contains("reconciliations_execution_duration");
    }

    @Test
    void everyControllerIsRegisteredUnderItsStableNameWithBoundedRetryAndFinalizer() {
        for (String name : List.of(
                ProxmoxClusterReconciler.NAME,
                CephPoolReconciler.NAME,
                TalosNodeVMReconciler.NAME,
                BackupPolicyReconciler.NAME)) {
            var configuration =
                    operator.getRegisteredController(name).orElseThrow().getConfiguration();
            assertThat(configuration.isGenerationAware()).as(name).isTrue();
            assertThat(configuration.getFinalizerName()).as(name).endsWith(".underlay.dev/finalizer");
            assertThat(configuration.getRetry()).as(name).isInstanceOfSatisfying(GenericRetry.class, retry -> {
                assertThat(retry.getMaxAttempts()).isEqualTo(20);
                assertThat(retry.getInitialInterval()).isEqualTo(2000L);
                assertThat(retry.getMaxInterval()).isEqualTo(300_000L);
            });
        }
    }

    @Test
    void leaderElectionUsesTheStableLeaseName() {
        assertThat(leaderElection.getLeaseName()).isEqualTo("underlay-operator");
        assertThat(leaderElection.getLeaseNamespace())
                .as("default: the operator's own namespace")
                .isEmpty();
    }

    private static HttpResponse<String> get(URL url) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url.toString())).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
