package dev.underlay.proxmox.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * PVE property strings ({@code key=value,key=value}, optionally led by a bare value for the format's default key).
 *
 * <p>Canonical form, as PVE prints them: the default key's value first without its name, then every other key in
 * alphabetical order. Values cannot contain commas in the formats this client writes.
 */
public final class PropertyString {

    private PropertyString() {}

    /**
     * Parses {@code text} into an insertion-ordered map. A part without {@code =} is the value of {@code defaultKey};
     * without a default key such a part is rejected.
     */
    public static Map<String, String> parse(String text, String defaultKey) {
        Map<String, String> result = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return result;
        }
        for (String part : text.split(",")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq < 0) {
                if (defaultKey == null || result.containsKey(defaultKey)) {
                    throw new IllegalArgumentException("unexpected bare value '" + part + "' in property string");
                }
                result.put(defaultKey, part);
            } else {
                String key = part.substring(0, eq).trim();
                if (key.isEmpty()) {
                    throw new IllegalArgumentException("empty key in property string");
                }
                if (result.put(key, part.substring(eq + 1)) != null) {
                    throw new IllegalArgumentException("duplicate key '" + key + "' in property string");
                }
            }
        }
        return result;
    }

    /** Writes {@code values} canonically; null values are skipped. */
    public static String format(Map<String, String> values, String defaultKey) {
        StringBuilder out = new StringBuilder();
        if (defaultKey != null && values.get(defaultKey) != null) {
            out.append(values.get(defaultKey));
        }
        for (Map.Entry<String, String> e : sorted(values).entrySet()) {
            if (e.getKey().equals(defaultKey) || e.getValue() == null) {
                continue;
            }
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(e.getKey()).append('=').append(e.getValue());
        }
        return out.toString();
    }

    static Map<String, String> sorted(Map<String, String> values) {
        Map<String, String> copy = new TreeMap<>();
        values.forEach((k, v) -> {
            if (v != null) {
                copy.put(k, v);
            }
        });
        return copy;
    }

    static Map<String, String> immutableSorted(Map<String, String> values) {
        return Collections.unmodifiableMap(sorted(values == null ? Map.of() : values));
    }

    static Boolean flag(String value) {
        if (value == null) {
            return null;
        }
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "1":
            case "on":
            case "yes":
            case "true":
                return Boolean.TRUE;
            case "0":
            case "off":
            case "no":
            case "false":
                return Boolean.FALSE;
            default:
                throw new IllegalArgumentException("not a boolean: " + value);
        }
    }

    static Integer integer(String value) {
        return value == null ? null : Integer.valueOf(value.trim());
    }
}
