package dev.underlay.controller.proxmoxcluster.maintenance;

/**
 * One guest to move off the node in maintenance.
 *
 * @param sid         HA id ({@code vm:105}, {@code ct:200})
 * @param memoryBytes what the guest needs on the target: its maxmem when running, nothing when stopped
 */
record GuestMove(int vmid, String sid, String target, Method method, long memoryBytes) {

    enum Method {
        /** Asked of the HA CRM ({@code ha-manager migrate}); done when the guest shows up elsewhere. */
        HA,
        /** Live migration of a running VM. */
        ONLINE,
        /** A stopped VM: its config (and local disks) move. */
        OFFLINE
    }

    String describe() {
        return sid + " -> " + target + (method == Method.HA ? " (via HA)" : "");
    }
}
