package dev.underlay.controller.support;

import io.fabric8.kubernetes.api.model.Secret;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Read access to a Secret's values. Deliberately has no toString that shows values: it may end up in a log line.
 * Reads {@code data} (base64) and falls back to {@code stringData}, which a real API server folds into data but the
 * embedded mock server stores as sent.
 */
public final class SecretContents {

    private final Secret secret;

    public SecretContents(Secret secret) {
        this.secret = secret;
    }

    public String name() {
        return secret.getMetadata().getName();
    }

    public String resourceVersion() {
        return secret.getMetadata().getResourceVersion();
    }

    /** The key's value as UTF-8 text; empty when the key is absent or its data is not valid base64. */
    public Optional<String> text(String key) {
        return bytes(key).map(value -> new String(value, StandardCharsets.UTF_8));
    }

    public Optional<byte[]> bytes(String key) {
        Map<String, String> data = secret.getData();
        if (data != null && data.containsKey(key) && data.get(key) != null) {
            try {
                return Optional.of(Base64.getDecoder().decode(data.get(key)));
            } catch (IllegalArgumentException notBase64) {
                return Optional.empty();
            }
        }
        Map<String, String> stringData = secret.getStringData();
        if (stringData != null && stringData.get(key) != null) {
            return Optional.of(stringData.get(key).getBytes(StandardCharsets.UTF_8));
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "Secret " + name() + " (values hidden)";
    }
}
