package dev.underlay.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;

import java.util.Optional;

/**
 * A printer-column JSONPath in Kubernetes syntax, evaluated with Jayway JsonPath. Kubernetes writes
 * {@code .status.conditions[?(@.type=="Ready")].status} (no {@code $}, optional {@code {}} braces, {@code \.} for
 * a dot inside a key); Jayway wants {@code $.status...} and bracket notation for such keys.
 * Like the API server, the first match is the value: a filter that matches several elements yields the first.
 */
final class KubeJsonPath {

    private static final Configuration JAYWAY = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider(Json.MAPPER))
            .mappingProvider(new JacksonMappingProvider(Json.MAPPER))
            .options(Option.SUPPRESS_EXCEPTIONS)
            .build();

    private final String kubernetesPath;
    private final JsonPath compiled;

    private KubeJsonPath(String kubernetesPath, JsonPath compiled) {
        this.kubernetesPath = kubernetesPath;
        this.compiled = compiled;
    }

    static KubeJsonPath compile(String kubernetesPath) {
        return new KubeJsonPath(kubernetesPath, JsonPath.compile(toJayway(kubernetesPath)));
    }

    /** The first value the path selects; empty when the path leads nowhere or selects JSON null. */
    Optional<JsonNode> firstValue(JsonNode document) {
        JsonNode result = compiled.read(document, JAYWAY);
        if (result == null || result.isNull() || result.isMissingNode()) {
            return Optional.empty();
        }
        if (!compiled.isDefinite()) {
            if (!result.isArray() || result.isEmpty() || result.get(0).isNull()) {
                return Optional.empty();
            }
            return Optional.of(result.get(0));
        }
        return Optional.of(result);
    }

    @Override
    public String toString() {
        return kubernetesPath;
    }

    static String toJayway(String kubernetesPath) {
        String path = kubernetesPath.trim();
        if (path.startsWith("{") && path.endsWith("}")) {
            path = path.substring(1, path.length() - 1).trim();
        }
        if (path.startsWith("$")) {
            path = path.substring(1);
        }
        StringBuilder out = new StringBuilder("$");
        int i = 0;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '[') {
                int close = closingBracket(path, i);
                out.append(path, i, close + 1);
                i = close + 1;
            } else if (c == '.' && i + 1 < path.length() && path.charAt(i + 1) == '.') {
                out.append("..");
                i += 2;
            } else {
                if (c == '.') {
                    i++;
                }
                StringBuilder key = new StringBuilder();
                boolean escaped = false;
                while (i < path.length()) {
                    char k = path.charAt(i);
                    if (k == '\\' && i + 1 < path.length()) {
                        key.append(path.charAt(i + 1));
                        escaped = true;
                        i += 2;
                    } else if (k == '.' || k == '[') {
                        break;
                    } else {
                        key.append(k);
                        i++;
                    }
                }
                if (key.length() == 0) {
                    continue;
                }
                if (escaped || !key.toString().matches("[A-Za-z0-9_*-]+")) {
                    out.append("['").append(key.toString().replace("'", "\\'")).append("']");
                } else {
                    if (out.charAt(out.length() - 1) != '.') {
                        out.append('.');
                    }
                    out.append(key);
                }
            }
        }
        return out.toString();
    }

    private static int closingBracket(String path, int open) {
        int depth = 0;
        char quote = 0;
        for (int i = open; i < path.length(); i++) {
            char c = path.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '[') {
                depth++;
            } else if (c == ']' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced '[' in JSONPath " + path);
    }
}
