package dev.underlay.proxmox.model;

import java.util.List;
import java.util.Map;

/**
 * A storage definition from {@code GET /storage} (datacenter storage.cfg). Options this record does not name are
 * in {@code other}.
 */
public record Storage(
        String storage,
        String type,
        List<String> content,
        String pool,
        String path,
        List<String> nodes,
        boolean shared,
        boolean disabled,
        Boolean krbd,
        String monhost,
        String username,
        PruneBackups pruneBackups,
        String digest,
        Map<String, String> other) {

    public Storage {
        content = ModelLists.copy(content);
        nodes = ModelLists.copy(nodes);
        other = ModelLists.sortedCopy(other);
    }

    public boolean isRbd() {
        return "rbd".equals(type);
    }
}
