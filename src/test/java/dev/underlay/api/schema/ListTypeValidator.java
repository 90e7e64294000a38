package dev.underlay.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The API server's list-type checks: items of a {@code set} list are unique, items of a {@code map} list have unique
 * key tuples. The error text follows the API server's "Duplicate value".
 */
public final class ListTypeValidator {

    public static final String KEYWORD = "x-kubernetes-list-type";

    private ListTypeValidator() {}

    public static List<Violation> validate(JsonNode schema, JsonNode object) {
        List<Violation> violations = new ArrayList<>();
        walk(schema, object, "", violations);
        return violations;
    }

    private static void walk(JsonNode schema, JsonNode value, String path, List<Violation> violations) {
        if (value == null || value.isNull() || schema == null) {
            return;
        }
        if (value.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it =
                            schema.path("properties").fields();
                    it.hasNext(); ) {
                Map.Entry<String, JsonNode> property = it.next();
                walk(property.getValue(), value.get(property.getKey()), path + "/" + property.getKey(), violations);
            }
            if (schema.path("additionalProperties").isObject()) {
                value.fields()
                        .forEachRemaining(entry -> walk(
                                schema.get("additionalProperties"),
                                entry.getValue(),
                                path + "/" + entry.getKey(),
                                violations));
            }
        } else if (value.isArray()) {
            checkList(schema, value, path, violations);
            for (int i = 0; i < value.size(); i++) {
                walk(schema.get("items"), value.get(i), path + "/" + i, violations);
            }
        }
    }

    private static void checkList(JsonNode schema, JsonNode list, String path, List<Violation> violations) {
        String type = schema.path(KEYWORD).asText("atomic");
        if ("atomic".equals(type)) {
            return;
        }
        Set<JsonNode> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode identity =
                    "map".equals(type) ? keys(schema.path("x-kubernetes-list-map-keys"), list.get(i)) : list.get(i);
            if (!seen.add(identity)) {
                violations.add(new Violation(KEYWORD, path + "/" + i, "Duplicate value: " + identity));
            }
        }
    }

    private static JsonNode keys(JsonNode keyNames, JsonNode item) {
        var identity = JsonNodeFactory.instance.objectNode();
        keyNames.forEach(
                key -> identity.set(key.asText(), item.path(key.asText()).deepCopy()));
        return identity;
    }
}
