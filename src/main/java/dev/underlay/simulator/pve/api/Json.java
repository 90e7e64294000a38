package dev.underlay.simulator.pve.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small helpers to build PVE-shaped JSON answers. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Json() {}

    public static ObjectNode obj() {
        return F.objectNode();
    }

    public static ArrayNode arr() {
        return F.arrayNode();
    }

    /** PVE writes 0/1 for booleans in most answers. */
    public static int bit(boolean b) {
        return b ? 1 : 0;
    }
}
