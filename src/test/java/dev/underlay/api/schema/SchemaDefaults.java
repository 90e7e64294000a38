package dev.underlay.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;

/**
 * Structural defaulting as the API server does it before validation (on create, update and read): an absent field
 * with a schema {@code default} gets a copy of it, top-down, so a defaulted object receives its own fields' defaults
 * too. A {@code null} for a non-nullable field counts as absent.
 */
public final class SchemaDefaults {

    private SchemaDefaults() {}

    /** A defaulted deep copy; the input stays untouched. */
    public static ObjectNode apply(JsonNode schema, ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        applyInPlace(schema, copy);
        return copy;
    }

    private static void applyInPlace(JsonNode schema, JsonNode value) {
        if (value == null || schema == null) {
            return;
        }
        if (value.isObject()) {
            ObjectNode object = (ObjectNode) value;
            JsonNode properties = schema.path("properties");
            for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> property = it.next();
                JsonNode current = object.get(property.getKey());
                if (current != null
                        && current.isNull()
                        && !property.getValue().path("nullable").asBoolean(false)) {
                    object.remove(property.getKey());
                    current = null;
                }
                if (current == null && property.getValue().has("default")) {
                    object.set(
                            property.getKey(),
                            property.getValue().get("default").deepCopy());
                }
                applyInPlace(property.getValue(), object.get(property.getKey()));
            }
            JsonNode additional = schema.get("additionalProperties");
            if (additional != null && additional.isObject()) {
                object.fields().forEachRemaining(entry -> applyInPlace(additional, entry.getValue()));
            }
        } else if (value.isArray() && schema.has("items")) {
            ((ArrayNode) value).forEach(item -> applyInPlace(schema.get("items"), item));
        }
    }
}
