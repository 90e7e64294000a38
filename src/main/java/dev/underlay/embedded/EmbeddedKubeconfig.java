package dev.underlay.embedded;

/**
 * The kubeconfig for the embedded API server: plain HTTP to 127.0.0.1, namespace {@code default}. The token is a
 * fixed placeholder; the server checks no credentials (kubectl only needs some user entry).
 */
final class EmbeddedKubeconfig {

    static final String TOKEN = "embedded-no-auth";
    static final String NAME = "underlay-embedded";

    private EmbeddedKubeconfig() {}

    static String render(String serverUrl) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: %1$s
                  cluster:
                    server: %2$s
                contexts:
                - name: %1$s
                  context:
                    cluster: %1$s
                    user: %1$s
                    namespace: %3$s
                current-context: %1$s
                users:
                - name: %1$s
                  user:
                    token: %4$s
                """.formatted(NAME, serverUrl, EmbeddedKubernetesServer.DEFAULT_NAMESPACE, TOKEN);
    }
}
