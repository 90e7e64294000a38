package dev.underlay.simulator.pve.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A storage definition from {@code /etc/pve/storage.cfg}: id, type and its options as strings. */
public final class StorageDef {
    public final String id;
    public final String type;
    public final Map<String, String> options = new LinkedHashMap<>();
    /** Capacity per node for local storages, or of the whole store when shared. */
    public long capacity;

    public StorageDef(String id, String type, long capacity) {
        this.id = id;
        this.type = type;
        this.capacity = capacity;
    }

    public boolean shared() {
        return "rbd".equals(type)
                || "nfs".equals(type)
                || "cephfs".equals(type)
                || "pbs".equals(type)
                || "1".equals(options.get("shared"));
    }

    public List<String> content() {
        return Arrays.asList(options.getOrDefault("content", "").split(","));
    }

    public boolean allows(String content) {
        return content().contains(content);
    }

    public boolean enabledOn(String node) {
        if ("1".equals(options.get("disable"))) {
            return false;
        }
        String nodes = options.get("nodes");
        return nodes == null || Arrays.asList(nodes.split(",")).contains(node);
    }
}
