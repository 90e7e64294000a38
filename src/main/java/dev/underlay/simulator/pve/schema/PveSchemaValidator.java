package dev.underlay.simulator.pve.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.underlay.simulator.pve.PveError;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Validates request parameters against one endpoint's schema the way PVE's
 * {@code PVE::JSONSchema::validate} does, with the same error texts: unknown parameters, missing
 * required ones, type checks (booleans only {@code 0}/{@code 1}), enum, minimum/maximum,
 * min/maxLength, pattern and formats, including property strings such as {@code net0} and
 * {@code scsi0}, whose nested errors are reported as {@code key.sub: ...}.
 */
public final class PveSchemaValidator {

    private static final Pattern INDEXED = Pattern.compile("([a-z][a-z_-]*?)(\\d+)");
    /** Highest index per {@code name[n]} family where it differs from the default of 31. */
    private static final Map<String, Integer> MAX_INDEX = Map.ofEntries(
            Map.entry("scsi", 30),
            Map.entry("virtio", 15),
            Map.entry("sata", 5),
            Map.entry("ide", 3),
            Map.entry("unused", 255),
            Map.entry("hostpci", 15),
            Map.entry("usb", 29),
            Map.entry("serial", 3),
            Map.entry("parallel", 2),
            Map.entry("numa", 7),
            Map.entry("virtiofs", 9),
            Map.entry("mp", 255),
            Map.entry("link", 7),
            Map.entry("dev", 255));

    private static final Map<String, JsonNode> NAMED_PROPERTY_STRINGS = namedPropertyStrings();
    private static final Map<String, Pattern> PATTERN_CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    private final PveSchema schema;

    public PveSchemaValidator(PveSchema schema) {
        this.schema = schema;
    }

    public PveSchema schema() {
        return schema;
    }

    /**
     * Validates and returns the parameters as PVE hands them to a handler: one string per key
     * (repeated keys of non-array parameters joined with NUL, as pve-http-server does).
     *
     * @throws PveError 400 "Parameter verification failed." with the errors map
     */
    public Map<String, String> validate(PveSchema.Endpoint endpoint, Map<String, List<String>> params) {
        JsonNode props = endpoint.parameters();
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, String> flat = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            String name = e.getKey();
            JsonNode prop = lookup(props, name);
            if (prop == null) {
                errors.put(
                        name, "property is not defined in schema and the schema does not allow additional properties");
                continue;
            }
            if ("array".equals(prop.path("type").asText())) {
                for (String item : e.getValue()) {
                    checkValue(name, item, prop.path("items"), errors);
                }
                flat.put(name, String.join("\0", e.getValue()));
            } else {
                String value = String.join("\0", e.getValue());
                checkValue(name, value, prop, errors);
                flat.put(name, value);
            }
        }
        Iterator<Map.Entry<String, JsonNode>> it = props.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> p = it.next();
            JsonNode prop = p.getValue();
            boolean optional = prop.path("optional").asInt(0) == 1 || prop.has("alias");
            if (!optional && !p.getKey().contains("[n]") && !params.containsKey(p.getKey())) {
                errors.put(p.getKey(), "property is missing and it is not optional");
            }
        }
        if (!errors.isEmpty()) {
            throw PveError.params(errors);
        }
        return flat;
    }

    private static JsonNode lookup(JsonNode props, String name) {
        JsonNode prop = props.get(name);
        if (prop != null) {
            return prop;
        }
        Matcher m = INDEXED.matcher(name);
        if (m.matches()) {
            JsonNode family = props.get(m.group(1) + "[n]");
            if (family != null
                    && m.group(2).length() <= 3
                    && Integer.parseInt(m.group(2)) <= MAX_INDEX.getOrDefault(m.group(1), 31)) {
                return family;
            }
        }
        return null;
    }

    private void checkValue(String path, String value, JsonNode prop, Map<String, String> errors) {
        String type = prop.path("type").asText("string");
        if (!typeOk(type, value)) {
            errors.put(path, "type check ('" + type + "') failed - got '" + value + "'");
            return;
        }
        if (prop.has("pattern")
                && !pattern(prop.get("pattern").asText()).matcher(value).matches()) {
            errors.put(path, "value does not match the regex pattern");
            return;
        }
        if (prop.has("maxLength") && value.length() > prop.get("maxLength").asInt()) {
            errors.put(path, "value may only be " + prop.get("maxLength").asInt() + " characters long");
            return;
        }
        if (prop.has("minLength") && value.length() < prop.get("minLength").asInt()) {
            errors.put(path, "value must be at least " + prop.get("minLength").asInt() + " characters long");
            return;
        }
        if (("integer".equals(type) || "number".equals(type)) && isNumber(value)) {
            BigDecimal number = new BigDecimal(value);
            if (prop.has("minimum") && number.compareTo(prop.get("minimum").decimalValue()) < 0) {
                errors.put(
                        path,
                        "value must have a minimum value of "
                                + prop.get("minimum").asText());
                return;
            }
            if (prop.has("maximum") && number.compareTo(prop.get("maximum").decimalValue()) > 0) {
                errors.put(
                        path,
                        "value must have a maximum value of "
                                + prop.get("maximum").asText());
                return;
            }
        }
        if (prop.has("enum")) {
            List<String> allowed = new ArrayList<>();
            prop.get("enum").forEach(v -> allowed.add(v.asText()));
            if (!allowed.contains(value)) {
                errors.put(
                        path,
                        "value '" + value + "' does not have a value in the enumeration '" + String.join(", ", allowed)
                                + "'");
                return;
            }
        }
        JsonNode format = prop.get("format");
        if (format == null) {
            return;
        }
        String formatError;
        if (format.isObject()) {
            formatError = checkPropertyString(path, value, format);
        } else if (NAMED_PROPERTY_STRINGS.containsKey(format.asText())) {
            formatError = checkPropertyString(path, value, NAMED_PROPERTY_STRINGS.get(format.asText()));
        } else {
            formatError = NamedFormats.check(format.asText(), value);
        }
        if (formatError != null) {
            errors.put(path, "invalid format - " + formatError);
        }
    }

    /** Returns null if fine, else "format error\n" plus one "path.key: message" line per problem. */
    private String checkPropertyString(String path, String value, JsonNode format) {
        Map<String, String> parsed = new LinkedHashMap<>();
        String defaultKey = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = format.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().path("default_key").asInt(0) == 1) {
                defaultKey = e.getKey();
            }
        }
        for (String part : value.split(",")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String key;
            String val;
            if (eq < 0) {
                if (defaultKey == null) {
                    return "value without key, but schema does not define a default key\n";
                }
                key = defaultKey;
                val = part;
            } else {
                key = part.substring(0, eq).trim();
                val = part.substring(eq + 1);
            }
            JsonNode sub = format.get(key);
            if (sub == null) {
                return "invalid key in comma-separated list property: " + key + "\n";
            }
            if (sub.has("alias")) {
                if (sub.has("keyAlias")) {
                    parsed.put(sub.get("keyAlias").asText(), key);
                }
                key = sub.get("alias").asText();
            }
            if (parsed.containsKey(key)) {
                return "duplicate key in comma-separated list property: " + key + "\n";
            }
            parsed.put(key, val);
        }
        Map<String, String> nested = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : parsed.entrySet()) {
            JsonNode sub = format.get(e.getKey());
            if (sub != null && !sub.has("alias")) {
                checkValue(path + "." + e.getKey(), e.getValue(), sub, nested);
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = format.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode sub = e.getValue();
            boolean optional = sub.path("optional").asInt(0) == 1 || sub.has("alias");
            if (!optional && !parsed.containsKey(e.getKey())) {
                nested.put(path + "." + e.getKey(), "property is missing and it is not optional");
            }
        }
        if (nested.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder("format error\n");
        nested.forEach((k, v) -> sb.append(k).append(": ").append(v.endsWith("\n") ? v : v + "\n"));
        return sb.append('\n').toString();
    }

    private static boolean typeOk(String type, String value) {
        switch (type) {
            case "integer":
                return value.matches("[+-]?\\d+");
            case "number":
                return isNumber(value);
            case "boolean":
                return "0".equals(value) || "1".equals(value);
            default:
                return true;
        }
    }

    private static boolean isNumber(String value) {
        return value.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    }

    private static Pattern pattern(String perl) {
        return PATTERN_CACHE.computeIfAbsent(perl, p -> {
            try {
                return Pattern.compile(p);
            } catch (PatternSyntaxException e) {
                // a Perl-only construct: accept rather than reject valid requests
                return Pattern.compile("(?s).*");
            }
        });
    }

    /**
     * Property-string formats that the apidoc only names (PVE registers them in Perl): the ones
     * the operator sends, written out here so that their sub-keys are checked too.
     */
    private static Map<String, JsonNode> namedPropertyStrings() {
        String json = """
                {
                  "pve-qm-ipconfig": {
                    "ip": {"type": "string", "optional": 1},
                    "gw": {"type": "string", "format": "ipv4", "optional": 1},
                    "ip6": {"type": "string", "optional": 1},
                    "gw6": {"type": "string", "format": "ipv6", "optional": 1}
                  },
                  "prune-backups": {
                    "keep-all": {"type": "boolean", "optional": 1},
                    "keep-last": {"type": "integer", "minimum": 1, "optional": 1},
                    "keep-hourly": {"type": "integer", "minimum": 1, "optional": 1},
                    "keep-daily": {"type": "integer", "minimum": 1, "optional": 1},
                    "keep-weekly": {"type": "integer", "minimum": 1, "optional": 1},
                    "keep-monthly": {"type": "integer", "minimum": 1, "optional": 1},
                    "keep-yearly": {"type": "integer", "minimum": 1, "optional": 1}
                  }
                }
                """;
        try {
            JsonNode root = new ObjectMapper().readTree(json);
            Map<String, JsonNode> out = new LinkedHashMap<>();
            root.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
            return Map.copyOf(out);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
