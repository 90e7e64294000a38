package dev.underlay.embedded;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Embedded mode off (the default outside {@code %dev}): nothing embedded starts and the client is left alone. */
@QuarkusTest
@WithKubernetesTestServer
class EmbeddedModeOffTest {

    @KubernetesTestServer
    KubernetesServer apiServer;

    @Inject
    EmbeddedKubernetes embedded;

    @Inject
    KubernetesClient client;

    @Test
    void startsNothingAndLeavesTheClientOnTheConfiguredServer() {
        assertThat(embedded.enabled()).isFalse();
        assertThat(embedded.running()).isEmpty();
        assertThat(embedded.kubeconfig()).isEmpty();
        assertThat(client.getMasterUrl()).isEqualTo(apiServer.getClient().getMasterUrl());
    }
}
