package dev.underlay.metrics;

import dev.underlay.api.v1alpha1.common.ConditionReasons;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.connection.SimulatorRegistry;
import dev.underlay.controller.proxmoxcluster.SimulatedCluster;
import dev.underlay.controller.proxmoxcluster.SimulatedClusters;
import dev.underlay.deploy.PrometheusAlerts;
import dev.underlay.simulator.pve.PveSimulator;
import dev.underlay.simulator.pve.PveVersion;
import dev.underlay.simulator.pve.VmSeed;
import dev.underlay.testing.Awaits;
import dev.underlay.testing.DeployedCrds;
import dev.underlay.testing.Fixtures;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.regex.Pattern;

import static dev.underlay.testing.Fixtures.readyReason;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * /q/metrics as Prometheus scrapes it from the running operator: the cluster's series, the operator's own call and
 * snapshot metrics, JOSDK's reconcile durations, and none of the cluster's series once it is deleted.
 */
@QuarkusTest
@WithKubernetesTestServer(setup = DeployedCrds.class)
@TestProfile(SimulatedClusters.class)
class MetricsEndpointOperatorTest {

    @Inject
    KubernetesClient client;

    @Inject
    SimulatorRegistry simulators;

    @TestHTTPResource("/q/metrics")
    URI metrics;

    @Test
    void clusterAndOperatorSeriesComeAndGoWithTheCluster() throws Exception {
        String ns = Fixtures.namespace("metrics");
        Awaits await = Awaits.in(client, ns);
        SimulatedCluster sim = SimulatedCluster.register(
                simulators,
                ns,
                PveSimulator.builder()
                        .version(PveVersion.PVE_9_1)
                        .vm(VmSeed.of(101, "pve-ms01-01")
                                .name("talos-k8s-01")
                                .disk("scsi0", "vm-disks", 8)
                                .running())
                        .build());
        client.resource(sim.tokenSecret("pve-token")).create();
        ProxmoxCluster cluster =
                client.resource(sim.resource("homelab", "pve-token", "")).create();
        String tag = "cluster=\"" + ns + "/homelab\"";

        await.untilAsserted("Ready and scraped", () -> {
            assertThat(readyReason(client, cluster)).isEqualTo(ConditionReasons.RECONCILED);
            assertThat(scrape()).containsPattern(series("pve_up", tag + ",id=\"qemu/101\"", "1.0"));
        });
        // JOSDK records a reconcile's duration after it returns, which can be just after its status write was seen
        await.untilAsserted(
                "every cluster and operator series",
                () -> assertThat(scrape())
                        .containsPattern(series("pve_cluster_quorate", tag, "1.0"))
                        .containsPattern(series("pve_nodes_online", tag, "3.0"))
                        .containsPattern(series("pve_ceph_osds_in", tag, "6.0"))
                        .containsPattern(series("pve_guest_info", tag + ",id=\"qemu/101\",name=\"talos-k8s-01\"", null))
                        .containsPattern(series(
                                "underlay_pve_calls_total", tag + ",outcome=\"ok\",path_class=\"cluster\"", null))
                        .containsPattern(
                                series("underlay_pve_call_duration_seconds_count", tag + ",path_class=\"ha\"", null))
                        .containsPattern(series("underlay_snapshot_age_seconds", tag, null))
                        .containsPattern(series("underlay_snapshot_duration_seconds_count", tag, null))
                        .containsPattern("reconciliations_execution_duration_seconds_count\\{[^}]*controller_name="
                                + "\"proxmoxcluster\""));

        // the chart's alerts (metrics.prometheusRule) must watch series that exist
        Set<String> alerted = PrometheusAlerts.metricsReadByTheChartsAlerts();
        assertThat(alerted).hasSizeGreaterThanOrEqualTo(6);
        await.untilAsserted("every metric an alert reads is exported", () -> {
            String exported = scrape();
            assertThat(alerted)
                    .allSatisfy(name -> assertThat(exported).as(name).containsPattern(series(name, tag, null)));
        });

        client.resource(cluster).delete();
        await.untilAsserted("deleted cluster: none of its series left", () -> {
            assertThat(Fixtures.fetch(client, cluster)).isNull();
            assertThat(scrape()).doesNotContain(tag);
        });
    }

    /** One series line; label sets may or may not end in a comma (the exposition formats differ there). */
    private static Pattern series(String name, String labels, String value) {
        return Pattern.compile("(?m)^" + Pattern.quote(name + "{" + labels) + "[^}]*\\} "
                + (value == null ? "" : Pattern.quote(value)));
    }

    private String scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
