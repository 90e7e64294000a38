package dev.underlay.controller.proxmoxcluster.ha;

/**
 * A guest the operator places through HA: a TalosNodeVM on this cluster whose VMID is known.
 *
 * @param vmid      from spec.vmid, or status.vmid once allocated
 * @param haEnabled spec.ha.enabled
 * @param group     spec.ha.group; null when the VM is in no group
 * @param source    namespace/name of the TalosNodeVM, for messages
 */
public record HaMember(int vmid, boolean haEnabled, String group, String source) {

    /** The HA resource id PVE uses for the guest. */
    public String sid() {
        return "vm:" + vmid;
    }

    /** Whether the guest wants to be placed by the group or rule {@code name}. */
    public boolean wants(String name) {
        return haEnabled && name.equals(group);
    }
}
