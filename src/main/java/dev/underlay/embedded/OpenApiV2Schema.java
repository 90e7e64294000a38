package dev.underlay.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * A CRD's OpenAPI v3 schema turned into the OpenAPI v2 (Swagger) schema that older kubectl versions validate
 * manifests against, with the rules the Kubernetes API server applies when it publishes CRDs in v2. Whatever v2
 * cannot say is made more permissive, never stricter, so that kubectl never rejects what the server would take:
 * <ul>
 *   <li>{@code anyOf}, {@code oneOf}, {@code not} and {@code nullable} do not exist in v2 and go, and so does
 *       {@code allOf}, which does but which kubectl ignores;</li>
 *   <li>a nullable field loses its type, items and properties (kubectl would reject an explicit null), and is no
 *       longer required by its parent;</li>
 *   <li>{@code x-kubernetes-int-or-string} loses its type (in v3 it is an anyOf of integer and string);</li>
 *   <li>{@code x-kubernetes-preserve-unknown-fields} loses items and properties (kubectl rejects unknown fields of
 *       an object with properties);</li>
 *   <li>an array left without items loses its type (kubectl cannot read an array without an item schema);</li>
 *   <li>an embedded resource gets {@code apiVersion}, {@code kind} and {@code metadata} properties, as the server
 *       adds them.</li>
 * </ul>
 * Any other keyword is dropped, and so is {@code externalDocs}, which v2 has but kubectl never reads; {@code x-}
 * vendor extensions are kept.
 */
final class OpenApiV2Schema {

    /** The v2 schema keywords kept besides vendor extensions. */
    static final Set<String> KEYWORDS = Set.of(
            "format",
            "title",
            "description",
            "default",
            "multipleOf",
            "maximum",
            "exclusiveMaximum",
            "minimum",
            "exclusiveMinimum",
            "maxLength",
            "minLength",
            "pattern",
            "maxItems",
            "minItems",
            "uniqueItems",
            "maxProperties",
            "minProperties",
            "required",
            "enum",
            "additionalProperties",
            "type",
            "items",
            "properties",
            "example");

    private OpenApiV2Schema() {}

    static ObjectNode fromV3(JsonNode v3) {
        ObjectNode v2 = Json.object();
        if (!v3.isObject()) {
            return v2;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = v3.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            switch (key) {
                case "properties" -> {
                    ObjectNode properties = v2.putObject("properties");
                    value.fields().forEachRemaining(p -> properties.set(p.getKey(), fromV3(p.getValue())));
                }
                case "items" -> v2.set("items", value.isArray() ? itemList((ArrayNode) value) : fromV3(value));
                case "additionalProperties" -> v2.set("additionalProperties", value.isObject() ? fromV3(value) : value);
                default -> {
                    if (KEYWORDS.contains(key) || key.startsWith("x-")) {
                        v2.set(key, value.deepCopy());
                    }
                }
            }
        }
        boolean untyped = v3.path("nullable").asBoolean(false)
                || v3.path("x-kubernetes-int-or-string").asBoolean(false);
        if (untyped) {
            v2.remove("type");
        }
        if (v3.path("nullable").asBoolean(false)
                || v3.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
            v2.remove("items");
            v2.remove("properties");
        }
        if (v3.path("x-kubernetes-embedded-resource").asBoolean(false) && v2.has("properties")) {
            ObjectNode properties = (ObjectNode) v2.get("properties");
            properties.putIfAbsent("apiVersion", Json.object().put("type", "string"));
            properties.putIfAbsent("kind", Json.object().put("type", "string"));
            properties.putIfAbsent("metadata", Json.object().put("type", "object"));
        }
        if ("array".equals(v2.path("type").asText()) && !v2.has("items")) {
            v2.remove("type");
        }
        // an empty properties message would make kubectl treat the object as one with no allowed fields
        if (v2.path("properties").isObject() && v2.path("properties").isEmpty()) {
            v2.remove("properties");
        }
        dropNullableFromRequired(v3, v2);
        return v2;
    }

    private static ArrayNode itemList(ArrayNode items) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        items.forEach(item -> list.add(fromV3(item)));
        return list;
    }

    private static void dropNullableFromRequired(JsonNode v3, ObjectNode v2) {
        if (!v2.path("required").isArray()) {
            return;
        }
        ArrayNode required = Json.MAPPER.createArrayNode();
        for (JsonNode name : v2.get("required")) {
            if (!v3.path("properties").path(name.asText()).path("nullable").asBoolean(false)) {
                required.add(name);
            }
        }
        if (required.isEmpty()) {
            v2.remove("required");
        } else {
            v2.set("required", required);
        }
    }
}
