package dev.underlay.embedded;

import io.fabric8.kubernetes.client.Config;
import io.quarkus.kubernetes.client.KubernetesConfigCustomizer;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Points the Quarkus {@code KubernetesClient} (the one the operator uses) at the embedded API server when embedded
 * mode is on. Quarkus builds the client {@code Config} from kubeconfig / in-cluster settings and then hands it to
 * every {@link KubernetesConfigCustomizer}; with embedded mode off this one changes nothing, so the same binary
 * talks to whatever real cluster its environment names.
 */
@Singleton
public class EmbeddedClientConfig implements KubernetesConfigCustomizer {

    @Inject
    EmbeddedKubernetes embedded;

    @Override
    public void customize(Config config) {
        if (embedded.enabled()) {
            pointAt(config, embedded.ensureStarted());
        }
    }

    /** Replaces the server and every credential a kubeconfig or service account may have put there. */
    static void pointAt(Config config, EmbeddedKubernetesServer server) {
        Config embedded = server.clientConfig();
        config.setMasterUrl(embedded.getMasterUrl());
        config.setNamespace(embedded.getNamespace());
        config.setOauthToken(embedded.getOauthToken());
        config.setOauthTokenProvider(null);
        config.setAuthProvider(null);
        config.setUsername(null);
        config.setPassword(null);
        config.setCaCertFile(null);
        config.setCaCertData(null);
        config.setClientCertFile(null);
        config.setClientCertData(null);
        config.setClientKeyFile(null);
        config.setClientKeyData(null);
        config.setImpersonateUsername(null);
        config.setImpersonateGroups();
        config.setProxyUsername(null);
        config.setProxyPassword(null);
        config.setHttpProxy(null);
        config.setHttpsProxy(null);
    }
}
