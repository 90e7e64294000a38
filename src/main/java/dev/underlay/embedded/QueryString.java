package dev.underlay.embedded;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A request target split into its path and decoded query parameters (last value wins, as in the API server). */
record QueryString(String path, Map<String, String> params) {

    static QueryString of(String target) {
        int question = target.indexOf('?');
        if (question < 0) {
            return new QueryString(target, Map.of());
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : target.substring(question + 1).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = decode(equals < 0 ? pair : pair.substring(0, equals));
            params.put(key, equals < 0 ? "" : decode(pair.substring(equals + 1)));
        }
        return new QueryString(target.substring(0, question), Map.copyOf(params));
    }

    Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name));
    }

    boolean isWatch() {
        String watch = params.get("watch");
        return "true".equals(watch) || "1".equals(watch);
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
