package dev.underlay.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Points the example manifests at the embedded Proxmox VE simulator before they are applied: every ProxmoxCluster
 * gets the simulator's endpoint and its certificate's SHA-256 pin (the verified path, not insecureSkipVerify), and the
 * Secret each one names for credentials gets the simulator's API token (added when the examples lack it). Everything
 * else is applied as written. The notes say what changed, without the token secret.
 */
final class ExamplesOnSimulator {

    private static final String CLUSTER_KIND = "ProxmoxCluster";

    private ExamplesOnSimulator() {}

    /** The rewritten manifests, in their order (added Secrets first), and one note per change. */
    record Rewritten(List<JsonNode> manifests, List<String> notes) {}

    static Rewritten rewrite(
            List<JsonNode> manifests, String endpoint, String fingerprintSha256, String tokenId, String tokenSecret) {
        List<String> notes = new ArrayList<>();
        Set<String> credentialSecrets = new LinkedHashSet<>();
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode manifest : manifests) {
            if (!isKind(manifest, CLUSTER_KIND)) {
                out.add(manifest);
                continue;
            }
            ObjectNode cluster = manifest.deepCopy();
            ObjectNode spec = cluster.withObjectProperty("spec");
            spec.putArray("endpoints").add(endpoint);
            spec.putObject("tls").put("fingerprintSha256", fingerprintSha256);
            String secret = spec.path("credentialsSecretRef").path("name").asText("");
            if (!secret.isEmpty()) {
                credentialSecrets.add(qualified(namespace(cluster), secret));
            }
            notes.add("ProxmoxCluster " + qualified(namespace(cluster), name(cluster)) + ": endpoints [" + endpoint
                    + "], tls.fingerprintSha256 " + fingerprintSha256);
            out.add(cluster);
        }
        Set<String> missing = new LinkedHashSet<>(credentialSecrets);
        for (int i = 0; i < out.size(); i++) {
            JsonNode manifest = out.get(i);
            String qualified = qualified(namespace(manifest), name(manifest));
            if (isKind(manifest, "Secret") && credentialSecrets.contains(qualified)) {
                out.set(i, withToken((ObjectNode) manifest.deepCopy(), tokenId, tokenSecret));
                missing.remove(qualified);
                notes.add("Secret " + qualified + ": API token " + tokenId + " of the simulator");
            }
        }
        List<JsonNode> added = new ArrayList<>();
        for (String qualified : missing) {
            ObjectNode secret = JsonNodeFactory.instance
                    .objectNode()
                    .put("apiVersion", "v1")
                    .put("kind", "Secret");
            secret.putObject("metadata")
                    .put("namespace", qualified.substring(0, qualified.indexOf('/')))
                    .put("name", qualified.substring(qualified.indexOf('/') + 1));
            added.add(withToken(secret, tokenId, tokenSecret));
            notes.add("Secret " + qualified + ": added, API token " + tokenId + " of the simulator");
        }
        added.addAll(out);
        return new Rewritten(added, notes);
    }

    private static ObjectNode withToken(ObjectNode secret, String tokenId, String tokenSecret) {
        if (secret.has("data")) {
            ((ObjectNode) secret.get("data")).remove(List.of("tokenId", "tokenSecret"));
        }
        secret.withObjectProperty("stringData").put("tokenId", tokenId).put("tokenSecret", tokenSecret);
        return secret;
    }

    private static boolean isKind(JsonNode manifest, String kind) {
        return kind.equals(manifest.path("kind").asText());
    }

    private static String namespace(JsonNode manifest) {
        return manifest.path("metadata").path("namespace").asText(EmbeddedKubernetesServer.DEFAULT_NAMESPACE);
    }

    private static String name(JsonNode manifest) {
        return manifest.path("metadata").path("name").asText();
    }

    private static String qualified(String namespace, String name) {
        return namespace + "/" + name;
    }
}
