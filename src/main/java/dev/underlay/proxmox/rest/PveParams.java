package dev.underlay.proxmox.rest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Ordered multimap of request parameters, already in PVE's wire vocabulary: every value is a string, booleans are
 * {@code 1}/{@code 0}, arrays are the key repeated. Values of secret-bearing keys are redacted in
 * {@link #toString()}.
 */
public final class PveParams {

    /** Parameters whose values must never appear in logs or messages. */
    public static final Set<String> SECRET_KEYS =
            Set.of("password", "cipassword", "keyring", "encryption-key", "master-pubkey", "sshkeys");

    private static final PveParams EMPTY = new PveParams(List.of());

    private final List<Map.Entry<String, String>> entries;

    private PveParams(List<Map.Entry<String, String>> entries) {
        this.entries = List.copyOf(entries);
    }

    public static PveParams empty() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<Map.Entry<String, String>> entries() {
        return entries;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The first value of {@code key}, or null. */
    public String first(String key) {
        return entries.stream()
                .filter(e -> e.getKey().equals(key))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }

    public List<String> all(String key) {
        return entries.stream()
                .filter(e -> e.getKey().equals(key))
                .map(Map.Entry::getValue)
                .toList();
    }

    public List<String> names() {
        return entries.stream().map(Map.Entry::getKey).distinct().toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PveParams other && entries.equals(other.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        StringJoiner out = new StringJoiner(", ", "{", "}");
        entries.forEach(e -> out.add(e.getKey() + "=" + (SECRET_KEYS.contains(e.getKey()) ? "***" : e.getValue())));
        return out.toString();
    }

    /** Builder; {@code null} values are skipped so optional request fields can be passed straight through. */
    public static final class Builder {
        private final List<Map.Entry<String, String>> entries = new ArrayList<>();

        public Builder add(String key, String value) {
            Objects.requireNonNull(key);
            if (value != null) {
                entries.add(Map.entry(key, value));
            }
            return this;
        }

        public Builder add(String key, Number value) {
            return add(key, value == null ? null : value.toString());
        }

        /** PVE checks booleans as {@code 1}/{@code 0}; {@code true}/{@code false} fail with 400. */
        public Builder add(String key, Boolean value) {
            return add(key, value == null ? null : (value ? "1" : "0"));
        }

        public Builder add(String key, Object value) {
            return add(key, value == null ? null : value.toString());
        }

        /** A PVE "list" that is really one comma-separated string ({@code vmid=100,101}, {@code delete=a,b}). */
        public Builder addCsv(String key, Collection<?> values) {
            if (values != null && !values.isEmpty()) {
                StringJoiner joined = new StringJoiner(",");
                values.forEach(v -> joined.add(v.toString()));
                add(key, joined.toString());
            }
            return this;
        }

        /** A real array parameter: the key repeated once per value. */
        public Builder addRepeated(String key, Collection<?> values) {
            if (values != null) {
                values.forEach(v -> add(key, v.toString()));
            }
            return this;
        }

        public Builder addAll(Map<String, String> values) {
            values.forEach(this::add);
            return this;
        }

        public PveParams build() {
            return entries.isEmpty() ? EMPTY : new PveParams(entries);
        }
    }
}
