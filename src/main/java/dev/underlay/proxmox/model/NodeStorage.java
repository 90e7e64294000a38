package dev.underlay.proxmox.model;

import java.util.List;

/**
 * A storage as seen from one node ({@code GET /nodes/{node}/storage} rows and
 * {@code /nodes/{node}/storage/{storage}/status}): usage in bytes, and whether it is active and enabled there.
 */
public record NodeStorage(
        String storage,
        String type,
        List<String> content,
        boolean active,
        boolean enabled,
        boolean shared,
        Long total,
        Long used,
        Long avail,
        Double usedFraction) {

    public NodeStorage {
        content = ModelLists.copy(content);
    }
}
