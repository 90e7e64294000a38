package dev.underlay.embedded;

import dev.underlay.api.v1alpha1.common.ConditionReasons;
import dev.underlay.api.v1alpha1.common.ConditionTypes;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.simulator.pve.http.PveHttpServer;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Embedded mode as {@code ./mvnw quarkus:dev} runs it: the example ProxmoxCluster, pointed at the embedded simulator
 * over HTTPS with the simulator's certificate pinned, goes Ready with the homelab's real status, through the REST
 * client (not the in-JVM shortcut).
 */
@QuarkusTest
@TestProfile(EmbeddedProxmoxTest.EmbeddedWithSimulator.class)
class EmbeddedProxmoxTest {

    public static class EmbeddedWithSimulator implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "underlay.embedded.enabled", "true",
                    "underlay.embedded.port", "0",
                    "underlay.embedded.kubeconfig", "target/underlay-test/kubeconfig-proxmox",
                    "underlay.embedded.examples-dir", "src/test/resources/embedded/manifests",
                    "underlay.backend", "rest");
        }
    }

    @Inject
    KubernetesClient client;

    @Inject
    EmbeddedProxmox proxmox;

    @Test
    void theExampleClusterGoesReadyOnThePinnedSimulator() {
        PveHttpServer server = proxmox.running().orElseThrow();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            ProxmoxCluster cluster = homelab();
            assertThat(cluster.getStatus()).isNotNull();
            Condition ready = cluster.getStatus().getConditions().stream()
                    .filter(c -> c.getType().equals(ConditionTypes.READY))
                    .findFirst()
                    .orElseThrow();
            assertThat(ready.getReason()).as(ready.getMessage()).isEqualTo(ConditionReasons.RECONCILED);
        });
        ProxmoxCluster cluster = homelab();
        assertThat(cluster.getSpec().endpoints()).containsExactly("https://127.0.0.1:" + server.port());
        assertThat(cluster.getSpec().tls().fingerprintSha256()).isEqualTo(server.fingerprint());
        assertThat(cluster.getSpec().tls().skipVerify()).isFalse();
        assertThat(cluster.getStatus().getVersion())
                .isEqualTo(server.simulator().version().version());
        assertThat(cluster.getStatus().getNodesOnline()).isEqualTo("3/3");
        assertThat(cluster.getStatus().getCeph().health()).isEqualTo("HEALTH_OK");
        assertThat(cluster.getStatus().getActiveEndpoint()).isEqualTo("https://127.0.0.1:" + server.port());
        assertThat(server.simulator().journal().entries())
                .as("reached over HTTPS with the seeded token")
                .anyMatch(e -> e.path().equals("/cluster/status")
                        && e.status() == 200
                        && e.principal().equals(server.simulator().credentials().tokenId()));
    }

    private ProxmoxCluster homelab() {
        return client.resources(ProxmoxCluster.class)
                .inNamespace("default")
                .withName("homelab")
                .get();
    }
}
