package dev.underlay.simulator.pve.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A guest config as PVE keeps it in {@code /etc/pve/qemu-server/<vmid>.conf}: string values
 * only. The digest is the SHA-1 of the file text, so it changes exactly when the content does.
 */
public final class VmConfig {

    private final Map<String, String> values = new LinkedHashMap<>();

    public String get(String key) {
        return values.get(key);
    }

    public String getOrDefault(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    public void put(String key, String value) {
        values.put(key, value);
    }

    public String remove(String key) {
        return values.remove(key);
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public Map<String, String> asMap() {
        return java.util.Collections.unmodifiableMap(values);
    }

    public void replaceAll(Map<String, String> content) {
        values.clear();
        values.putAll(content);
    }

    /** The file text: description first as comment lines, then keys sorted (as qemu-server writes them). */
    public String fileText() {
        StringBuilder sb = new StringBuilder();
        String description = values.get("description");
        if (description != null) {
            for (String line : description.split("\n", -1)) {
                sb.append('#').append(line).append('\n');
            }
        }
        for (Map.Entry<String, String> e : new TreeMap<>(values).entrySet()) {
            if (!e.getKey().equals("description")) {
                sb.append(e.getKey()).append(": ").append(e.getValue()).append('\n');
            }
        }
        return sb.toString();
    }

    public String digest() {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-1").digest(fileText().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
