package dev.underlay.controller.proxmoxcluster;

/** What the operator may do on a cluster, each needing its own Proxmox privileges ({@link PrivilegeTable}). */
public enum Feature {
    /** Always on: the per-resync snapshot and the status of the ProxmoxCluster. */
    OBSERVATION("observation"),
    /** spec.haGroups is set: HA groups (PVE 8) or node-affinity rules (PVE 9). */
    HA_LAYOUT("HA layout"),
    /** spec.maintenance is set: migrate guests off a node. */
    MAINTENANCE("node maintenance"),
    /** A maintenance entry asks for cephNoOut. */
    MAINTENANCE_CEPH_NOOUT("node maintenance with cephNoOut"),
    /** TalosNodeVMs on the cluster. */
    VIRTUAL_MACHINES("TalosNodeVM"),
    /** CephPools on the cluster. */
    CEPH_POOLS("CephPool"),
    /** BackupPolicies on the cluster. */
    BACKUPS("BackupPolicy");

    private final String label;

    Feature(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
