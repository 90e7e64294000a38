package dev.underlay.controller.talosnodevm;

import dev.underlay.api.v1alpha1.common.TaskRef;
import dev.underlay.api.v1alpha1.proxmoxcluster.VmidRangeSpec;
import dev.underlay.api.v1alpha1.talosnodevm.RestartStatus;
import dev.underlay.api.v1alpha1.talosnodevm.TalosNodeVMSpec;
import dev.underlay.controller.support.ownership.OwnerMarker.Owner;
import dev.underlay.controller.support.plan.TaskProgress;
import dev.underlay.proxmox.model.VmConfig;
import dev.underlay.proxmox.model.VmResource;

import java.time.Instant;
import java.util.Map;
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
 * @param pending       config keys PVE holds for the next start (it could not apply them to the running VM), with
 *                      their pending values; empty when none or when the config was not read
 * @param restart       status.restart: the step of a gated restart in progress, null when none is recorded
 * @param kubeNode      the Kubernetes Node the VM runs as; null when it was not looked at
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
        Map<String, String> pending,
        RestartStatus restart,
        KubeNode kubeNode,
        Instant now) {

    public VmFacts {
        guest = guest == null ? Optional.empty() : guest;
        config = config == null ? Optional.empty() : config;
        rediscovered = rediscovered == null ? Optional.empty() : rediscovered;
        takenVmids = takenVmids == null ? Set.of() : Set.copyOf(takenVmids);
        snapshotAt = snapshotAt == null ? now : snapshotAt;
        pending = pending == null ? Map.of() : Map.copyOf(pending);
    }

    VmFacts withKubeNode(KubeNode node) {
        return new VmFacts(
                spec,
                vmName,
                owner,
                recordedVmid,
                recordedUuid,
                candidateUuid,
                guest,
                config,
                rediscovered,
                seed,
                task,
                lastTask,
                recordedNode,
                seenBefore,
                vmidRange,
                takenVmids,
                snapshotAt,
                pending,
                restart,
                node,
                now);
    }

    /**
     * The VM's Kubernetes Node as the restart gate needs it.
     *
     * @param readySince when the kubelet last reported Ready (heartbeat or transition), null when it does not say
     * @param heldByUs   the Node carries this TalosNodeVM's restart mark: the budget was taken, whatever status says
     */
    public record KubeNode(String name, boolean exists, boolean ready, Instant readySince, boolean heldByUs) {

        public static KubeNode absent(String name) {
            return new KubeNode(name, false, false, null, false);
        }
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
