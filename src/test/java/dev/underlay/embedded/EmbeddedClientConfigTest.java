package dev.underlay.embedded;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedClientConfigTest {

    @Test
    void replacesTheServerAndEveryCredentialOfARealClusterConfig() {
        Config real = new ConfigBuilder(Config.empty())
                .withMasterUrl("https://kubernetes.default.svc/")
                .withNamespace("underlay-system")
                .withOauthToken("service-account-token")
                .withUsername("admin")
                .withPassword("secret")
                .withCaCertFile("/var/run/secrets/kubernetes.io/serviceaccount/ca.crt")
                .withClientCertData("Y2VydA==")
                .withClientKeyData("a2V5")
                .build();
        try (EmbeddedKubernetesServer server = EmbeddedKubernetesServer.start(0)) {
            EmbeddedClientConfig.pointAt(real, server);

            assertThat(real.getMasterUrl()).isEqualTo(server.url() + "/");
            assertThat(real.getNamespace()).isEqualTo("default");
            assertThat(real.getOauthToken()).isEqualTo(EmbeddedKubeconfig.TOKEN);
            assertThat(real.getUsername()).isNull();
            assertThat(real.getPassword()).isNull();
            assertThat(real.getCaCertFile()).isNull();
            assertThat(real.getClientCertData()).isNull();
            assertThat(real.getClientKeyData()).isNull();
        }
    }
}
