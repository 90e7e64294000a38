package dev.underlay.controller.proxmoxcluster;

import dev.underlay.api.v1alpha1.UnderlayApi;
import dev.underlay.api.v1alpha1.common.ConditionReasons;
import dev.underlay.api.v1alpha1.common.ConditionTypes;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.simulator.pve.PveSimulator;
import dev.underlay.simulator.pve.PveVersion;
import dev.underlay.simulator.pve.http.PveHttpServer;
import dev.underlay.testing.Awaits;
import dev.underlay.testing.DeployedCrds;
import dev.underlay.testing.Fixtures;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static dev.underlay.testing.Fixtures.readyReason;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * spec.tls over real HTTPS (REST backend against the simulator's HTTPS facade on 127.0.0.1): a pinned fingerprint and
 * the server's own CA connect; a wrong pin, a foreign CA are refused with their own reasons; insecureSkipVerify
 * connects and says loudly that it should not.
 */
@QuarkusTest
@WithKubernetesTestServer(setup = DeployedCrds.class)
@TestProfile(RestBackendClusters.class)
class ClusterTlsOperatorTest {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final String WRONG_PIN =
            "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:" + "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF";

    private static PveSimulator simulator;
    private static PveHttpServer server;

    @Inject
    KubernetesClient client;

    @BeforeAll
    static void startSimulator() {
        simulator = PveSimulator.homelab(PveVersion.PVE_9_1).authFailureDelay(Duration.ofMillis(20));
        server = PveHttpServer.start(simulator, 0);
    }

    @AfterAll
    static void stopSimulator() {
        server.close();
    }

    @Test
    void thePinnedCertificateConnectsAndAWrongPinIsRefused() {
        String ns = Fixtures.namespace("tls-pin");
        Awaits await = Awaits.in(client, ns);
        client.resource(tokenSecret(ns)).create();
        ProxmoxCluster pinned = client.resource(
                        cluster(ns, "pinned", "fingerprintSha256: \"" + server.fingerprint() + "\""))
                .create();
        ProxmoxCluster mismatch = client.resource(cluster(ns, "mismatch", "fingerprintSha256: \"" + WRONG_PIN + "\""))
                .create();

        await.untilAsserted("pinned -> Ready over HTTPS; other pin -> TlsFingerprintMismatch", () -> {
            assertThat(readyReason(client, pinned)).isEqualTo(ConditionReasons.RECONCILED);
            Condition refused = Fixtures.ready(client, mismatch).orElseThrow();
            assertThat(refused.getReason()).isEqualTo(ConditionReasons.TLS_FINGERPRINT_MISMATCH);
            assertThat(refused.getMessage()).contains(server.fingerprint()).contains("fingerprintSha256");
        });
        assertThat(Fixtures.fetch(client, pinned).getStatus().getActiveEndpoint())
                .isEqualTo(endpoint());
        assertThat(Fixtures.fetch(client, pinned).getStatus().getVersion()).isEqualTo("9.1.3");
        assertThat(Fixtures.condition(client, mismatch, ConditionTypes.CONNECTED)
                        .orElseThrow()
                        .getReason())
                .isEqualTo(ConditionReasons.TLS_FINGERPRINT_MISMATCH);
    }

    @Test
    void theServersCaConnectsAndAForeignCaIsRefused() {
        String ns = Fixtures.namespace("tls-ca");
        Awaits await = Awaits.in(client, ns);
        client.resource(tokenSecret(ns)).create();
        client.resource(Fixtures.secret(ns, "pve-ca", Map.of("ca.crt", server.certificatePem())))
                .create();
        client.resource(Fixtures.secret(ns, "other-ca", Map.of("ca.crt", Fixtures.testCaPem())))
                .create();
        ProxmoxCluster trusted = client.resource(cluster(ns, "trusted", "caSecretRef: {name: pve-ca}"))
                .create();
        ProxmoxCluster foreign = client.resource(cluster(ns, "foreign", "caSecretRef: {name: other-ca}"))
                .create();

        await.untilAsserted("own CA -> Ready; foreign CA -> TlsVerificationFailed", () -> {
            assertThat(readyReason(client, trusted)).isEqualTo(ConditionReasons.RECONCILED);
            Condition refused = Fixtures.ready(client, foreign).orElseThrow();
            assertThat(refused.getReason()).isEqualTo(ConditionReasons.TLS_VERIFICATION_FAILED);
            assertThat(refused.getMessage()).contains("caSecretRef");
        });
    }

    @Test
    void insecureSkipVerifyConnectsWithAWarningEvent() {
        String ns = Fixtures.namespace("tls-insecure");
        Awaits await = Awaits.in(client, ns);
        client.resource(tokenSecret(ns)).create();
        ProxmoxCluster insecure = client.resource(cluster(ns, "insecure", "insecureSkipVerify: true"))
                .create();

        await.untilAsserted("Ready, and a Warning Event says verification is off", () -> {
            assertThat(readyReason(client, insecure)).isEqualTo(ConditionReasons.RECONCILED);
            assertThat(Fixtures.events(client, insecure)).anySatisfy(event -> {
                assertThat(event.getType()).isEqualTo("Warning");
                assertThat(event.getReason()).isEqualTo(SnapshotRefresh.INSECURE_EVENT_REASON);
                assertThat(event.getMessage()).contains("fingerprintSha256");
            });
        });
        assertThat(Fixtures.events(client, insecure))
                .filteredOn(e -> e.getReason().equals(SnapshotRefresh.INSECURE_EVENT_REASON))
                .as("once per client, not per resync")
                .hasSize(1);
        assertThat(Fixtures.events(client, insecure))
                .extracting(Event::getMessage)
                .noneMatch(m -> m.contains(simulator.credentials().tokenSecret()));
    }

    private static String endpoint() {
        return "https://127.0.0.1:" + server.port();
    }

    private static Secret tokenSecret(String ns) {
        return Fixtures.secret(
                ns,
                "pve-token",
                Map.of(
                        "tokenId",
                        simulator.credentials().tokenId(),
                        "tokenSecret",
                        simulator.credentials().tokenSecret()));
    }

    private static ProxmoxCluster cluster(String ns, String name, String tls) {
        return SERIALIZATION.unmarshal(
                """
                apiVersion: %s
                kind: ProxmoxCluster
                metadata: {name: %s, namespace: %s}
                spec:
                  clusterName: homelab-pve
                  endpoints: ["%s"]
                  credentialsSecretRef: {name: pve-token}
                  tls: {%s}
                """.formatted(UnderlayApi.API_VERSION, name, ns, endpoint(), tls), ProxmoxCluster.class);
    }
}
