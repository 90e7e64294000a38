package dev.underlay.proxmox.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Null-safe immutable copies for record components; absent collections become empty ones. */
final class ModelLists {

    private ModelLists() {}

    static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    static <K, V> Map<K, V> copy(Map<K, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    static <V> Map<String, V> sortedCopy(Map<String, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(map));
    }

    /** Splits PVE list strings: commas, semicolons and whitespace all separate items (tags use {@code ;}). */
    static List<String> split(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        Arrays.stream(text.split("[,;\\s]+")).filter(s -> !s.isEmpty()).forEach(out::add);
        return List.copyOf(out);
    }

    static String join(List<?> items, String separator) {
        StringBuilder out = new StringBuilder();
        for (Object item : items) {
            Objects.requireNonNull(item);
            if (out.length() > 0) {
                out.append(separator);
            }
            out.append(item);
        }
        return out.toString();
    }
}
