package dev.underlay.connection;

/**
 * How one {@link dev.underlay.proxmox.ProxmoxApi} method touches the cluster.
 *
 * @param mutating  whether it changes state on Proxmox (refused by the quorum gate while the cluster is not quorate)
 * @param pathClass the API area it calls, a low-cardinality metrics tag: cluster, node, qemu, storage, ha, ceph,
 *                  backup, task or access
 */
public record ApiCall(boolean mutating, String pathClass) {

    static ApiCall read(String pathClass) {
        return new ApiCall(false, pathClass);
    }

    static ApiCall write(String pathClass) {
        return new ApiCall(true, pathClass);
    }
}
