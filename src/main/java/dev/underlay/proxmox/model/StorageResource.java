package dev.underlay.proxmox.model;

import java.util.List;

/** A storage row of {@code /cluster/resources}: one per storage and node. */
public record StorageResource(
        String id,
        String storage,
        String node,
        String status,
        String pluginType,
        List<String> content,
        boolean shared,
        Long disk,
        Long maxDisk)
        implements ClusterResource {

    public StorageResource {
        content = ModelLists.copy(content);
    }

    public boolean isAvailable() {
        return "available".equals(status);
    }
}
