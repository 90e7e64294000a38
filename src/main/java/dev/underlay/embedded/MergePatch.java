package dev.underlay.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;

/**
 * JSON merge patch (RFC 7386) done here rather than in the CRUD store: the store merges with Jackson's
 * "reader for updating", which appends to arrays instead of replacing them (a status patch would pile up
 * conditions, a re-applied list would keep removed entries) and stores nulls instead of removing fields.
 * The merged result goes to the store as a JSON patch of top-level members, which it applies exactly.
 */
final class MergePatch {

    private MergePatch() {}

    static JsonNode apply(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : Json.object();
        for (Map.Entry<String, JsonNode> field : patch.properties()) {
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                result.set(field.getKey(), apply(result.get(field.getKey()), field.getValue()));
            }
        }
        return result;
    }

    /** A JSON patch that turns {@code current} into {@code desired}, one operation per changed top-level member. */
    static ArrayNode topLevelDiff(JsonNode current, JsonNode desired) {
        ArrayNode operations = Json.MAPPER.createArrayNode();
        for (Map.Entry<String, JsonNode> field : desired.properties()) {
            if (!field.getValue().equals(current.get(field.getKey()))) {
                operations
                        .addObject()
                        .put("op", "add")
                        .put("path", pointer(field.getKey()))
                        .set("value", field.getValue());
            }
        }
        for (Iterator<String> it = current.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!desired.has(name)) {
                operations.addObject().put("op", "remove").put("path", pointer(name));
            }
        }
        return operations;
    }

    private static String pointer(String member) {
        return "/" + member.replace("~", "~0").replace("/", "~1");
    }
}
