package dev.underlay.proxmox.model;

import java.util.List;

/**
 * {@code POST /storage}: registers a storage in the datacenter config. The operator uses it to expose a CephPool
 * as RBD storage; {@link #rbd} builds that case. Null fields are not sent.
 */
public record StorageDefinition(
        String storage,
        String type,
        List<String> content,
        String pool,
        Boolean krbd,
        List<String> nodes,
        Boolean shared,
        Boolean disable,
        String monhost,
        String username,
        String dataPool,
        String path,
        String server,
        String export,
        PruneBackups pruneBackups) {

    public StorageDefinition {
        if (storage == null || !storage.matches("[a-zA-Z][a-zA-Z0-9\\-_.]*")) {
            throw new IllegalArgumentException("not a storage id: " + storage);
        }
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("storage type missing");
        }
        content = content == null ? null : List.copyOf(content);
        nodes = nodes == null ? null : List.copyOf(nodes);
    }

    /** A hyper-converged RBD storage on the cluster's own Ceph pool (no monhost/keyring needed). */
    public static StorageDefinition rbd(String storage, String pool, List<String> content, boolean krbd) {
        return new StorageDefinition(
                storage, "rbd", content, pool, krbd, null, null, null, null, null, null, null, null, null, null);
    }
}
