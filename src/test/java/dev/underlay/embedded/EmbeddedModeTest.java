package dev.underlay.embedded;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.javaoperatorsdk.operator.Operator;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application with embedded mode on (what {@code %dev} sets): the API server is up before the operator, the
 * examples are in it, and the Kubernetes client the operator uses talks to it. No {@code @WithKubernetesTestServer}
 * here on purpose: if anything used the default client configuration, it would try {@code kubernetes.default.svc}
 * and the operator's informers would fail to start.
 */
@QuarkusTest
@TestProfile(EmbeddedModeTest.EmbeddedOn.class)
class EmbeddedModeTest {

    public static class EmbeddedOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "underlay.embedded.enabled", "true",
                    "underlay.embedded.port", "0",
                    "underlay.embedded.kubeconfig", "target/underlay-test/kubeconfig",
                    "underlay.embedded.examples-dir", "src/test/resources/embedded/manifests");
        }
    }

    @Inject
    EmbeddedKubernetes embedded;

    @Inject
    KubernetesClient client;

    @Inject
    Operator operator;

    @Test
    void theOperatorsClientTalksToTheEmbeddedServer() {
        EmbeddedKubernetesServer server = embedded.running().orElseThrow();

        assertThat(client.getMasterUrl().toString()).isEqualTo(server.url() + "/");
        assertThat(client.getConfiguration().getNamespace()).isEqualTo("default");
        assertThat(client.getKubernetesVersion().getGitVersion()).isEqualTo(NonResourceEndpoints.KUBERNETES_VERSION);
    }

    @Test
    void theExamplesAreAppliedBeforeTheOperatorStarts() {
        assertThat(client.genericKubernetesResources("underlay.dev/v1alpha1", "TalosNodeVM")
                        .inNamespace("default")
                        .list()
                        .getItems())
                .extracting(vm -> vm.getMetadata().getName())
                .containsExactly("talos-cp-01", "talos-cp-02");
        assertThat(client.secrets()
                        .inNamespace("default")
                        .withName("pve-api-token")
                        .get())
                .isNotNull();
        assertThat(client.apiextensions()
                        .v1()
                        .customResourceDefinitions()
                        .list()
                        .getItems())
                .extracting(crd -> crd.getMetadata().getName())
                .containsExactlyInAnyOrder(
                        "proxmoxclusters.underlay.dev",
                        "cephpools.underlay.dev",
                        "talosnodevms.underlay.dev",
                        "backuppolicies.underlay.dev");
    }

    @Test
    void writesAnOwnerOnlyKubeconfigForKubectl() throws Exception {
        Path kubeconfig = embedded.kubeconfig().orElseThrow();

        assertThat(kubeconfig)
                .isEqualTo(Path.of("target/underlay-test/kubeconfig").toAbsolutePath());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kubeconfig)))
                .isEqualTo("rw-------");
        assertThat(Config.fromKubeconfig(Files.readString(kubeconfig)).getMasterUrl())
                .isEqualTo(embedded.running().orElseThrow().url() + "/");
    }

    @Test
    void informersOnTheOperatorsClientWatchTheEmbeddedServer() {
        EmbeddedKubernetesServer server = embedded.running().orElseThrow();
        int controllers = operator.getRegisteredControllers().size();
        // every registered controller's informer has opened its watch on the embedded server by now
        assertThat(server.webSocketWatchesOpened()).isGreaterThanOrEqualTo(controllers);

        int before = server.webSocketWatchesOpened();
        try (SharedIndexInformer<GenericKubernetesResource> informer = client.genericKubernetesResources(
                        "underlay.dev/v1alpha1", "ProxmoxCluster")
                .inAnyNamespace()
                .inform()) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> informer.getStore().list().size() == 1);
            assertThat(informer.getStore().list().get(0).getMetadata().getName())
                    .isEqualTo("homelab");
            assertThat(server.webSocketWatchesOpened()).isGreaterThan(before);
        }
    }
}
