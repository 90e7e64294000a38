package dev.underlay.observe;

import dev.underlay.proxmox.model.TaskSummary;
import dev.underlay.proxmox.model.VmResource;

import java.util.List;
import java.util.Optional;

/**
 * What a TalosNodeVM reconcile needs to know about its guest from a snapshot, and nothing more: its equality decides
 * whether the VM's controller is woken, so CPU, memory and uptime (which change on every snapshot) are left to the
 * metrics.
 *
 * @param status      running, stopped, paused or unknown (node offline)
 * @param lock        backup, migrate, clone, create... or null
 * @param haState     HA state when HA-managed, else null
 * @param runningTask UPID of a task running on this guest, or null
 */
public record VmObservation(
        int vmid,
        String node,
        String name,
        String status,
        String lock,
        boolean template,
        List<String> tags,
        String haState,
        String runningTask) {

    public VmObservation {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** The guest as the snapshot shows it; empty when the snapshot has no such VMID. */
    public static Optional<VmObservation> of(ClusterSnapshot snapshot, int vmid) {
        return snapshot.vm(vmid).map(vm -> from(vm, runningTask(snapshot, vmid)));
    }

    private static VmObservation from(VmResource vm, String runningTask) {
        return new VmObservation(
                vm.vmid(),
                vm.node(),
                vm.name(),
                vm.status(),
                vm.lock(),
                vm.template(),
                vm.tags(),
                vm.haState(),
                runningTask);
    }

    private static String runningTask(ClusterSnapshot snapshot, int vmid) {
        String id = Integer.toString(vmid);
        return snapshot.runningTasks().stream()
                .filter(t -> id.equals(t.id()))
                .map(TaskSummary::upid)
                .map(Object::toString)
                .findFirst()
                .orElse(null);
    }
}
