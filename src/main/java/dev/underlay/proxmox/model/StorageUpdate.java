package dev.underlay.proxmox.model;

import java.util.List;

/** {@code PUT /storage/{storage}}: changed options (null = unchanged), options to delete, digest. */
public record StorageUpdate(
        List<String> content,
        List<String> nodes,
        Boolean disable,
        Boolean krbd,
        PruneBackups pruneBackups,
        List<String> delete,
        String digest) {

    public StorageUpdate {
        content = content == null ? null : List.copyOf(content);
        nodes = nodes == null ? null : List.copyOf(nodes);
        delete = ModelLists.copy(delete);
    }
}
