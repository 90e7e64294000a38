package dev.underlay.controller.talosnodevm;

import dev.underlay.api.v1alpha1.common.TaskRef;
import dev.underlay.api.v1alpha1.proxmoxcluster.VmidRangeSpec;
import dev.underlay.api.v1alpha1.talosnodevm.TalosNodeVMSpec;
import dev.underlay.controller.support.ownership.OwnerMarker.Owner;
import dev.underlay.controller.support.plan.TaskProgress;
import dev.underlay.proxmox.model.VmConfig;
import dev.underlay.proxmox.model.VmResource;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Everything {@link VmPlanner} decides from: the resource, what it recorded, and what was observed on Proxmox. Built
 * by {@link VmObserver}; plain values, so the planner's table tests need neither Kubernetes nor HTTP.
 *
 * @param vmName        VM name = Talos hostname = Kubernetes node name
 * @param recordedVmid  VMID from spec, annotation or status; null when none was chosen yet
 * @param recordedUuid  SMBIOS UUID from annotation or status; null when none was chosen yet
 * @param candidateUuid a fresh UUID to record when none is (the planner stays pure by being handed it)
 * @param guest         the snapshot's row for the VMID (wherever HA or a person moved it)
 * @param config        the VM's config, read unless the VM is known to be converged
 * @param rediscovered  with no VMID known: a VM found by marker tag, name and our description marker (a restore)
 * @param seed          where the cidata image stands
 * @param task          the in-flight task, followed through the snapshot (and the node when not listed)
 * @param lastTask      status.lastTask as recorded
 * @param recordedNode  status.node: where the VM was last seen (and its node-local seed image lies)
 * @param seenBefore    status shows the VM was observed (its node is recorded): a VM gone now is missing, not new
 * @param vmidRange     the ProxmoxCluster's vmidRange, null when unset
 * @param takenVmids    VMIDs of every guest in the cluster and those other TalosNodeVMs recorded
 * @param snapshotAt    when the cluster snapshot was fetched: a power state older than our last task is not believed
 */
public record VmFacts(
        TalosNodeVMSpec spec,
        String vmName,
        Owner owner,
        Integer recordedVmid,
        String recordedUuid,
        String candidateUuid,
        Optional<VmResource> guest,
        Optional<VmConfig> config,
        Optional<Rediscovered> rediscovered,
        SeedState seed,
        TaskProgress task,
        TaskRef lastTask,
        String recordedNode,
        boolean seenBefore,
        VmidRangeSpec vmidRange,
        Set<Integer> takenVmids,
        Instant snapshotAt,
        Instant now) {

    public VmFacts {
        guest = guest == null ? Optional.empty() : guest;
        config = config == null ? Optional.empty() : config;
        rediscovered = rediscovered == null ? Optional.empty() : rediscovered;
        takenVmids = takenVmids == null ? Set.of() : Set.copyOf(takenVmids);
        snapshotAt = snapshotAt == null ? now : snapshotAt;
    }

    /** A VM of ours found without a recorded VMID. */
    public record Rediscovered(int vmid, VmConfig config) {}

    /** Where the cidata image stands; only looked at while it is not attached. */
    public enum SeedState {
        /** No machine-config Secret referenced: nothing to deliver. */
        NOT_NEEDED,
        /** Attached, or not looked at (the VM config was not read). */
        ATTACHED_OR_UNKNOWN,
        /** Not on the storage yet. */
        MISSING,
        /** On the storage, not attached. */
        UPLOADED
    }
}
