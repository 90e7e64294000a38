package dev.underlay.controller.talosnodevm;

import dev.underlay.api.v1alpha1.common.ConditionTypes;
import dev.underlay.api.v1alpha1.common.TaskRef;
import dev.underlay.api.v1alpha1.proxmoxcluster.VmidRangeSpec;
import dev.underlay.api.v1alpha1.talosnodevm.TalosNodeVM;
import dev.underlay.api.v1alpha1.talosnodevm.TalosNodeVMStatus;
import dev.underlay.controller.support.Conditions;
import dev.underlay.controller.support.ownership.GuestMarker;
import dev.underlay.controller.support.ownership.GuestMarker.Ownership;
import dev.underlay.controller.support.ownership.OwnerMarker.Owner;
import dev.underlay.controller.support.plan.TaskFollower;
import dev.underlay.controller.support.plan.TaskProgress;
import dev.underlay.controller.talosnodevm.VmFacts.Rediscovered;
import dev.underlay.controller.talosnodevm.VmFacts.SeedState;
import dev.underlay.observe.ClusterSnapshot;
import dev.underlay.proxmox.NotFoundException;
import dev.underlay.proxmox.ProxmoxApi;
import dev.underlay.proxmox.ProxmoxApiException;
import dev.underlay.proxmox.model.PendingConfigValue;
import dev.underlay.proxmox.model.TaskStatus;
import dev.underlay.proxmox.model.TaskSummary;
import dev.underlay.proxmox.model.Upid;
import dev.underlay.proxmox.model.VmConfig;
import dev.underlay.proxmox.model.VmResource;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Gathers the {@link VmFacts} of one reconcile: the snapshot answers most of it for free; Proxmox is asked only for
 * what the snapshot cannot say, and only while it matters: the VM config while the VM is not known to be converged
 * (or is being deleted), the storage content while the seed is not attached, a task's status when the cluster's task
 * list no longer shows it.
 */
final class VmObserver {

    private final ProxmoxApi api;
    private final ClusterSnapshot snapshot;

    VmObserver(ProxmoxApi api, ClusterSnapshot snapshot) {
        this.api = api;
        this.snapshot = snapshot;
    }

    /**
     * @param others the other TalosNodeVMs of the same cluster, whose recorded VMIDs are taken
     */
    VmFacts observe(
            TalosNodeVM vm,
            Owner owner,
            VmidRangeSpec range,
            Collection<TalosNodeVM> others,
            boolean deleting,
            Duration driftPeriod,
            Instant now)
            throws ProxmoxApiException {
        TalosNodeVMStatus status = vm.getStatus();
        Integer vmid = VmIdentity.vmid(vm);
        String vmName = VmIdentity.vmName(vm);
        Optional<VmResource> guest = vmid == null ? Optional.empty() : snapshot.vm(vmid);
        TaskRef lastTask = status == null ? null : status.getLastTask();
        TaskProgress task = follow(lastTask);

        Optional<VmConfig> config = Optional.empty();
        Map<String, String> pending = Map.of();
        if (guest.isPresent()
                && (deleting || !converged(vm, guest.get(), task) || driftCheckDue(vm, driftPeriod, now))) {
            config = config(guest.get());
            if (config.isPresent() && guest.get().isRunning() && !deleting) {
                pending = pending(guest.get());
            }
        }
        Optional<Rediscovered> rediscovered = Optional.empty();
        if (vmid == null) {
            rediscovered = rediscover(vmName, owner);
        }
        SeedState seed = seed(vm, vmid, guest, config, deleting);
        Set<Integer> taken = new HashSet<>();
        snapshot.vms().forEach(v -> taken.add(v.vmid()));
        others.stream()
                .filter(other ->
                        !other.getMetadata().getName().equals(vm.getMetadata().getName()))
                .map(VmIdentity::vmid)
                .filter(Objects::nonNull)
                .forEach(taken::add);
        return new VmFacts(
                vm.getSpec(),
                vmName,
                owner,
                vmid,
                VmIdentity.smbiosUuid(vm),
                UUID.randomUUID().toString(),
                guest,
                config,
                rediscovered,
                seed,
                task,
                lastTask,
                status == null ? null : status.getNode(),
                status != null && status.getNode() != null,
                range,
                taken,
                snapshot.fetchedAt(),
                pending,
                status == null ? null : status.getRestart(),
                null,
                now);
    }

    /**
     * A converged VM's config is read again only every drift period, jittered per resource by up to a fifth either
     * way (from its uid, so the spread is stable across restarts): a steady state costs no per-VM call, and many VMs'
     * reads never come at once.
     */
    static boolean driftCheckDue(TalosNodeVM vm, Duration period, Instant now) {
        String checked = vm.getStatus() == null ? null : vm.getStatus().getConfigCheckedAt();
        if (checked == null || period == null) {
            return checked == null;
        }
        Instant last;
        try {
            last = Instant.parse(checked);
        } catch (DateTimeParseException e) {
            return true;
        }
        String seed = Objects.requireNonNullElse(
                vm.getMetadata().getUid(), vm.getMetadata().getName());
        double jitter = (Math.floorMod(seed.hashCode(), 1000) / 1000.0 - 0.5) * 0.4;
        long millis = (long) (period.toMillis() * (1 + jitter));
        return !now.isBefore(last.plusMillis(millis));
    }

    /** Converged as last written: Ready for this generation, nothing in flight, the marker tag still on the VM. */
    private static boolean converged(TalosNodeVM vm, VmResource guest, TaskProgress task) {
        TalosNodeVMStatus status = vm.getStatus();
        if (status == null
                || status.getRestart() != null
                || !(task instanceof TaskProgress.NoTask)
                || !Objects.equals(
                        status.getObservedGeneration(), vm.getMetadata().getGeneration())
                || !GuestMarker.tagged(guest.tags())) {
            return false;
        }
        return Conditions.find(status.getConditions(), ConditionTypes.READY)
                .map(c -> "True".equals(c.getStatus()))
                .orElse(false);
    }

    private TaskProgress follow(TaskRef lastTask) throws ProxmoxApiException {
        TaskProgress progress = TaskFollower.follow(lastTask, snapshot);
        if (!(progress instanceof TaskProgress.NotListed notListed)) {
            return progress;
        }
        // aged out of /cluster/tasks (or not in it yet): the node that ran it knows
        Upid upid = Upid.parse(notListed.upid());
        TaskStatus status;
        try {
            status = api.taskStatus(upid);
        } catch (NotFoundException e) {
            return progress;
        }
        if (status.running()) {
            return new TaskProgress.Running(notListed.upid(), upid.type());
        }
        TaskSummary summary = new TaskSummary(
                upid,
                upid.node(),
                upid.type(),
                upid.id(),
                upid.user(),
                upid.startTime(),
                status.endTime(),
                status.exitStatus());
        ClusterSnapshot withTask = new ClusterSnapshot(
                snapshot.cluster(),
                snapshot.fetchedAt(),
                snapshot.version(),
                snapshot.status(),
                snapshot.vms(),
                snapshot.nodes(),
                snapshot.storages(),
                List.of(summary),
                snapshot.haStatus(),
                snapshot.ceph());
        return TaskFollower.follow(lastTask, withTask);
    }

    private Optional<VmConfig> config(VmResource guest) throws ProxmoxApiException {
        try {
            return Optional.of(api.vmConfig(guest.node(), guest.vmid()));
        } catch (NotFoundException movedOrGone) {
            // the snapshot is older than a migration or a destroy; the next one tells
            return Optional.empty();
        }
    }

    /** What PVE could not apply to the running VM: it waits for the next start. */
    private Map<String, String> pending(VmResource guest) throws ProxmoxApiException {
        Map<String, String> out = new TreeMap<>();
        try {
            for (PendingConfigValue value : api.vmPending(guest.node(), guest.vmid())) {
                if (value.hasPendingChange() && !"digest".equals(value.key())) {
                    out.put(value.key(), value.delete() > 0 ? "(removed)" : value.pending());
                }
            }
        } catch (NotFoundException movedOrGone) {
            return Map.of();
        }
        return out;
    }

    /**
     * With no VMID recorded anywhere (a resource restored without status or annotations), a VM of ours is found by
     * the marker tag and the name in the snapshot, and confirmed by the owner token in its config: the tag and the
     * name alone are not enough, a clone of our VM carries both.
     */
    private Optional<Rediscovered> rediscover(String vmName, Owner owner) throws ProxmoxApiException {
        for (VmResource candidate : snapshot.vms()) {
            if (candidate.isQemu()
                    && !candidate.template()
                    && vmName.equals(candidate.name())
                    && GuestMarker.tagged(candidate.tags())) {
                Optional<VmConfig> config = config(candidate);
                if (config.isPresent()
                        && GuestMarker.ownership(config.get().description().orElse(null), owner) == Ownership.OURS) {
                    return Optional.of(new Rediscovered(candidate.vmid(), config.get()));
                }
            }
        }
        return Optional.empty();
    }

    private SeedState seed(
            TalosNodeVM vm, Integer vmid, Optional<VmResource> guest, Optional<VmConfig> config, boolean deleting)
            throws ProxmoxApiException {
        Optional<String> storage = TalosVmConfig.seedStorage(vm.getSpec());
        boolean wanted = vm.getSpec().talos() != null && vm.getSpec().talos().machineConfigSecretRef() != null;
        if (!wanted || storage.isEmpty() || vmid == null) {
            return SeedState.NOT_NEEDED;
        }
        String volid = TalosVmConfig.seedVolid(storage.get(), vmid);
        String node;
        if (deleting) {
            if (guest.isPresent()) {
                return SeedState.ATTACHED_OR_UNKNOWN;
            }
            node = vm.getStatus() == null ? null : vm.getStatus().getNode();
        } else {
            if (config.isEmpty() || TalosVmConfig.seedAttached(config.get(), volid)) {
                return SeedState.ATTACHED_OR_UNKNOWN;
            }
            node = guest.map(VmResource::node).orElse(null);
        }
        if (node == null) {
            return SeedState.ATTACHED_OR_UNKNOWN;
        }
        boolean present = api.storageContent(node, storage.get(), "iso", null).stream()
                .anyMatch(content -> volid.equals(content.volid()));
        return present ? SeedState.UPLOADED : SeedState.MISSING;
    }
}
