package dev.underlay.proxmox.model;

/**
 * A row of {@code GET /cluster/resources}. Only guests, nodes and storages are typed; pool, sdn and (9.x) network
 * rows are dropped by the client.
 */
public sealed interface ClusterResource permits VmResource, NodeResource, StorageResource {

    /** {@code qemu/100}, {@code node/pve1}, {@code storage/pve1/local}. */
    String id();

    /** The node the row belongs to (null only for cluster-wide rows, which are not typed). */
    String node();
}
