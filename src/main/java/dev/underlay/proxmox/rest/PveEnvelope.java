package dev.underlay.proxmox.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code /api2/json} envelope: {@code {"data": ...}} on success; on errors {@code data: null} plus
 * {@code errors} (parameter errors) and, from libpve-http-server-perl 5.2.0 on, {@code message}. Bodies that are
 * not JSON (401, 59x) read as an empty envelope.
 */
record PveEnvelope(JsonNode data, String message, Map<String, String> errors) {

    static PveEnvelope parse(String body) {
        JsonNode root;
        try {
            root = PveJson.parse(body);
        } catch (PveFormatException e) {
            return new PveEnvelope(MissingNode.getInstance(), null, Map.of());
        }
        if (!root.isObject()) {
            return new PveEnvelope(MissingNode.getInstance(), null, Map.of());
        }
        Map<String, String> errors = new LinkedHashMap<>();
        JsonNode errorNode = root.path("errors");
        if (errorNode.isObject()) {
            errorNode
                    .fields()
                    .forEachRemaining(
                            e -> errors.put(e.getKey(), e.getValue().asText().strip()));
        }
        JsonNode message = root.path("message");
        String text = message.isTextual() ? message.asText().strip() : null;
        return new PveEnvelope(root.path("data"), text == null || text.isEmpty() ? null : text, errors);
    }
}
