package dev.underlay.proxmox.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lenient reading of PVE JSON, in one place. PVE is written in Perl and sends whatever type a scalar last had:
 * numbers as strings ({@code "100"}, {@code "0.4"}), booleans as 0/1, "0"/"1" or true/false, lists as
 * comma-separated strings, explicit nulls next to absent keys, integers above 2^53. Every typed read in the
 * mappers goes through {@link Fields}, which accepts all of these and treats null, absent and {@code ""} alike.
 */
public final class PveJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS);

    private PveJson() {}

    /** Parses a body; an empty body is the missing node. */
    public static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new PveFormatException("body is not JSON", e);
        }
    }

    static boolean isAbsent(JsonNode node) {
        return node == null
                || node.isNull()
                || node.isMissingNode()
                || (node.isTextual() && node.asText().isEmpty());
    }

    static String text(JsonNode node) {
        if (isAbsent(node)) {
            return null;
        }
        if (node.isValueNode()) {
            return node.isBigDecimal() || node.isFloatingPointNumber()
                    ? node.decimalValue().stripTrailingZeros().toPlainString()
                    : node.asText();
        }
        throw new PveFormatException("expected a scalar, got " + node.getNodeType());
    }

    static Long toLong(JsonNode node) {
        if (isAbsent(node)) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return node.longValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue() ? 1L : 0L;
        }
        try {
            BigDecimal value = node.isNumber()
                    ? node.decimalValue()
                    : new BigDecimal(node.asText().trim());
            return value.longValue();
        } catch (NumberFormatException e) {
            throw new PveFormatException("expected an integer, got '" + node.asText() + "'");
        }
    }

    static Double toDouble(JsonNode node) {
        if (isAbsent(node)) {
            return null;
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        try {
            return Double.valueOf(node.asText().trim());
        } catch (NumberFormatException e) {
            throw new PveFormatException("expected a number, got '" + node.asText() + "'");
        }
    }

    static Boolean toBoolean(JsonNode node) {
        if (isAbsent(node)) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            return node.doubleValue() != 0;
        }
        switch (node.asText().trim().toLowerCase(Locale.ROOT)) {
            case "1":
            case "true":
            case "yes":
            case "on":
                return true;
            case "0":
            case "false":
            case "no":
            case "off":
                return false;
            default:
                throw new PveFormatException("expected a boolean, got '" + node.asText() + "'");
        }
    }

    /** Field access over one JSON object; a non-object behaves like an empty object. */
    public static final class Fields {
        private final JsonNode node;

        private Fields(JsonNode node) {
            this.node = node == null ? MissingNode.getInstance() : node;
        }

        public static Fields of(JsonNode node) {
            return new Fields(node);
        }

        public JsonNode raw(String key) {
            return node.path(key);
        }

        public boolean has(String key) {
            return !isAbsent(node.get(key));
        }

        public String str(String key) {
            return text(node.get(key));
        }

        public Integer integer(String key) {
            Long value = toLong(node.get(key));
            return value == null ? null : Math.toIntExact(value);
        }

        public Long lng(String key) {
            return toLong(node.get(key));
        }

        public Double dbl(String key) {
            return toDouble(node.get(key));
        }

        public Boolean bool(String key) {
            return toBoolean(node.get(key));
        }

        /** A boolean where absent means false (PVE omits many defaults). */
        public boolean flag(String key) {
            return Boolean.TRUE.equals(bool(key));
        }

        /** A list given either as a JSON array of scalars or as a comma/semicolon separated string. */
        public List<String> strings(String key) {
            JsonNode value = node.get(key);
            List<String> out = new ArrayList<>();
            if (isAbsent(value)) {
                return out;
            }
            if (value.isArray()) {
                value.forEach(item -> {
                    String t = text(item);
                    if (t != null) {
                        out.add(t);
                    }
                });
                return out;
            }
            for (String part : text(value).split("[,;\\s]+")) {
                if (!part.isEmpty()) {
                    out.add(part);
                }
            }
            return out;
        }

        public List<Integer> integers(String key) {
            return strings(key).stream().map(s -> Integer.valueOf(s.trim())).toList();
        }

        public Fields obj(String key) {
            return new Fields(node.get(key));
        }

        /** Elements of an array of objects; absent means empty. */
        public List<Fields> objects(String key) {
            return elements(node.get(key));
        }

        public List<String> keys() {
            List<String> out = new ArrayList<>();
            if (node.isObject()) {
                node.fieldNames().forEachRemaining(out::add);
            }
            return out;
        }

        /** Every scalar member as text (nested objects/arrays skipped), in wire order. */
        public Map<String, String> scalars() {
            Map<String, String> out = new LinkedHashMap<>();
            if (node.isObject()) {
                Iterator<Map.Entry<String, JsonNode>> it = node.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                        out.put(e.getKey(), text(e.getValue()) == null ? "" : text(e.getValue()));
                    }
                }
            }
            return out;
        }

        public boolean isObject() {
            return node.isObject();
        }
    }

    /** The elements of an array node as {@link Fields}; anything else is empty. */
    public static List<Fields> elements(JsonNode array) {
        List<Fields> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(item -> out.add(Fields.of(item)));
        }
        return out;
    }
}
