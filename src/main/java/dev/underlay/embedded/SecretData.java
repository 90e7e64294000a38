package dev.underlay.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The API server folds a Secret's write-only {@code stringData} into {@code data} (base64) and never stores it;
 * the CRUD store keeps it as sent, so a reader of {@code data} (the operator resolving credentials) would miss
 * keys an example manifest wrote as {@code stringData}.
 */
final class SecretData {

    private SecretData() {}

    static JsonNode foldStringData(JsonNode secret) {
        if (!secret.isObject() || !secret.has("stringData")) {
            return secret;
        }
        ObjectNode folded = ((ObjectNode) secret).deepCopy();
        JsonNode stringData = folded.remove("stringData");
        if (stringData.isObject()) {
            ObjectNode data = folded.has("data") && folded.get("data").isObject()
                    ? (ObjectNode) folded.get("data")
                    : folded.putObject("data");
            for (Map.Entry<String, JsonNode> entry : stringData.properties()) {
                data.put(
                        entry.getKey(),
                        Base64.getEncoder()
                                .encodeToString(entry.getValue().asText().getBytes(StandardCharsets.UTF_8)));
            }
        }
        return folded;
    }
}
