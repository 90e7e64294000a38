package dev.underlay.controller.proxmoxcluster.maintenance;

import dev.underlay.observe.ClusterSnapshot;
import dev.underlay.proxmox.model.HaStatusEntry;
import dev.underlay.proxmox.model.VmResource;

/** Facts about a guest that the snapshot holds only implicitly. */
final class Guests {

    private Guests() {}

    static String sid(VmResource guest) {
        return (guest.isQemu() ? "vm:" : "ct:") + guest.vmid();
    }

    static String label(VmResource guest) {
        return (guest.isQemu() ? "VM " : "CT ") + guest.vmid();
    }

    /**
     * Whether the HA stack manages the guest: then only the CRM may move it (a direct migrate fights it). A resource
     * in state {@code ignored} is left to the user by HA, so it is moved like any other guest.
     */
    static boolean haManaged(VmResource guest, ClusterSnapshot snapshot) {
        if (guest.haState() != null) {
            return !"ignored".equals(guest.haState());
        }
        String sid = sid(guest);
        return snapshot.haStatus().stream()
                .filter(HaStatusEntry.Service.class::isInstance)
                .map(HaStatusEntry.Service.class::cast)
                .anyMatch(s -> sid.equals(s.sid()) && !"ignored".equals(s.requestState()));
    }
}
