package dev.underlay.controller.talosnodevm;

import dev.underlay.api.v1alpha1.common.ConditionReasons;
import dev.underlay.api.v1alpha1.common.DeletionPolicy;
import dev.underlay.api.v1alpha1.common.ManagementPolicy;
import dev.underlay.api.v1alpha1.common.TaskRef;
import dev.underlay.api.v1alpha1.talosnodevm.DriftEntry;
import dev.underlay.api.v1alpha1.talosnodevm.RestartStatus;
import dev.underlay.api.v1alpha1.talosnodevm.RestartStatus.Phase;
import dev.underlay.api.v1alpha1.talosnodevm.TalosNodeVMSpec;
import dev.underlay.api.v1alpha1.talosnodevm.TalosNodeVMSpec.PowerState;
import dev.underlay.api.v1alpha1.talosnodevm.TalosNodeVMSpec.TalosRole;
import dev.underlay.controller.support.ownership.GuestMarker;
import dev.underlay.controller.support.ownership.GuestMarker.Ownership;
import dev.underlay.controller.support.plan.Plan;
import dev.underlay.controller.support.plan.TaskProgress;
import dev.underlay.controller.talosnodevm.VmAction.AttachSeed;
import dev.underlay.controller.talosnodevm.VmFacts.KubeNode;
import dev.underlay.controller.talosnodevm.VmFacts.SeedState;
import dev.underlay.proxmox.model.VmConfig;
import dev.underlay.proxmox.model.VmResource;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The TalosNodeVM lifecycle as a pure function: facts in, one {@link Plan} out. The order of the checks is the
 * idempotency recipe (ARCHITECTURE 8.3): follow the one in-flight task, fix the identity before anything exists,
 * never touch a VM that is not ours, then converge one step at a time (create, upload the seed, attach it, start).
 */
final class VmPlanner {

    /** A failed task's step is tried again after this long (or at once when the spec changes). */
    static final Duration RETRY_FAILED_AFTER = Duration.ofMinutes(5);

    static final String STOPPED = "stopped";

    /** pvestatd refreshes the power state in /cluster/resources about every 10 s; twice that, to be sure. */
    static final Duration POWER_STATE_SETTLE = Duration.ofSeconds(20);

    static final Set<String> START_TASKS = Set.of("qmstart", "hastart");

    static final Set<String> SHUTDOWN_TASKS = Set.of("qmshutdown", "hastop");

    private VmPlanner() {}

    static Plan<VmAction> plan(VmFacts facts) {
        Optional<Plan<VmAction>> task = followTask(facts);
        if (task.isPresent()) {
            return task.get();
        }
        TalosNodeVMSpec spec = facts.spec();
        Optional<Plan<VmAction>> ownership = facts.guest().flatMap(guest -> ownershipProblem(facts, guest));
        if (ownership.isPresent()) {
            return ownership.get();
        }
        Optional<Plan<VmAction>> identity = identity(facts);
        if (identity.isPresent()) {
            return identity.get();
        }
        int vmid = facts.recordedVmid();
        if (facts.guest().isEmpty()) {
            return absent(facts, vmid);
        }
        VmResource guest = facts.guest().get();
        if (guest.lock() != null) {
            return Plan.waitFor(
                    ConditionReasons.VM_LOCKED, "VM " + vmid + " is locked (" + guest.lock() + "); waiting");
        }
        if ("unknown".equals(guest.status())) {
            return Plan.waitFor(
                    ConditionReasons.NODE_OFFLINE,
                    "VM " + vmid + " is on " + guest.node() + ", which does not answer; waiting");
        }
        Optional<Plan<VmAction>> seed = seed(facts, guest);
        if (seed.isPresent()) {
            return seed.get();
        }
        Optional<Plan<VmAction>> converge = converge(facts, guest);
        if (converge.isPresent()) {
            return converge.get();
        }
        Optional<Plan<VmAction>> restart = restart(facts, guest);
        if (restart.isPresent()) {
            return restart.get();
        }
        if (spec.powerState() == PowerState.Running && !guest.isRunning()) {
            return startUnlessJustStarted(facts, guest);
        }
        return Plan.done();
    }

    /**
     * Config first (one digest-guarded write of every differing key), then disk grows one at a time. Only with the
     * config read; a shrink is refused whatever else differs, since the schema should have stopped it already.
     */
    private static Optional<Plan<VmAction>> converge(VmFacts facts, VmResource guest) {
        if (facts.config().isEmpty()) {
            return Optional.empty();
        }
        VmConfig config = facts.config().get();
        VmConvergence diff = VmConvergence.of(facts.spec(), config);
        if (!diff.shrinks().isEmpty()) {
            return Optional.of(Plan.invalid(
                    ConditionReasons.DISK_SHRINK_REFUSED,
                    "disks only grow: " + String.join("; ", diff.shrinks()) + "; set sizeGiB back"));
        }
        if (diff.converged()) {
            return Optional.empty();
        }
        if (facts.spec().managementPolicy() == ManagementPolicy.Observe) {
            return Optional.of(Plan.waitFor(
                    ConditionReasons.OBSERVE_ONLY,
                    "managementPolicy is Observe; drift reported in status.drift, nothing changed"));
        }
        if (!diff.set().isEmpty()) {
            List<String> fields = diff.drift().stream()
                    .map(DriftEntry::field)
                    .filter(f -> !f.endsWith(".sizeGiB"))
                    .toList();
            return Optional.of(Plan.act(
                    new VmAction.UpdateConfig(guest.node(), guest.vmid(), diff.set(), config.digest(), fields)));
        }
        Map.Entry<String, Integer> grow = new TreeMap<>(diff.grows()).firstEntry();
        return Optional.of(Plan.act(
                new VmAction.ResizeDisk(guest.node(), guest.vmid(), grow.getKey(), grow.getValue(), config.digest())));
    }

    /**
     * The restart gate, one step per reconcile, each recorded (status.restart, and the budget's mark on the Node) so
     * that a restarted operator resumes where it was: take the budget (cordon), drain, shut down and follow the task,
     * start, wait for the Node to be Ready again, release (uncordon). A mark with no phase recorded means the cordon
     * was taken just before a crash: the drain is next.
     */
    private static Optional<Plan<VmAction>> restart(VmFacts facts, VmResource guest) {
        KubeNode node = facts.kubeNode();
        RestartStatus recorded = facts.restart();
        Phase phase = recorded != null ? recorded.phase() : node != null && node.heldByUs() ? Phase.Draining : null;
        String nodeName = facts.vmName();
        if (phase == null) {
            if (facts.pending().isEmpty()
                    || !guest.isRunning()
                    || facts.spec().powerState() != PowerState.Running
                    || facts.config().isEmpty()) {
                // a stopped VM takes its pending changes with its next start; nothing to gate
                return Optional.empty();
            }
            return Optional.of(Plan.act(new VmAction.TakeBudget(
                    nodeName, facts.spec().role() == TalosRole.controlplane, describePending(facts.pending()))));
        }
        return Optional.of(
                switch (phase) {
                    case Draining ->
                        guest.isRunning()
                                ? Plan.act(new VmAction.Drain(nodeName))
                                // stopped under us (or we crashed after the shutdown): bring it back
                                : startUnlessJustStarted(facts, guest);
                    case ShuttingDown -> {
                        if (!guest.isRunning()) {
                            yield startUnlessJustStarted(facts, guest);
                        }
                        if (justFinished(facts, SHUTDOWN_TASKS)) {
                            yield Plan.waitFor(
                                    ConditionReasons.RESTARTING,
                                    "VM " + guest.vmid()
                                            + " was shut down; waiting for the cluster snapshot to show it");
                        }
                        yield Plan.act(new VmAction.Shutdown(guest.node(), guest.vmid()));
                    }
                    case Starting -> {
                        if (!guest.isRunning()) {
                            yield startUnlessJustStarted(facts, guest);
                        }
                        if (node != null && node.exists() && !readyAgain(node, recorded)) {
                            yield Plan.waitFor(
                                    ConditionReasons.RESTARTING,
                                    "VM " + guest.vmid() + " runs again; waiting for Kubernetes node " + nodeName
                                            + " to be Ready before it is uncordoned");
                        }
                        // Ready again (or no Node to wait for: it never joined, nothing is unavailable)
                        yield Plan.act(new VmAction.ReleaseBudget(nodeName));
                    }
                });
    }

    /** Ready, and reported Ready after the start: a Ready condition from before the shutdown proves nothing. */
    private static boolean readyAgain(KubeNode node, RestartStatus recorded) {
        if (!node.ready()) {
            return false;
        }
        Optional<Instant> since = recorded == null ? Optional.empty() : instant(recorded.since());
        return node.readySince() == null || since.isEmpty() || node.readySince().isAfter(since.get());
    }

    static String describePending(Map<String, String> pending) {
        return new TreeMap<>(pending)
                .entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    /**
     * The restart step recorded after {@code plan} was carried out: each Act of the gate moves it on, anything else
     * keeps what was recorded (or what the Node's mark proves).
     */
    static RestartStatus restartAfter(VmFacts facts, Plan<VmAction> plan, Instant now) {
        RestartStatus recorded = facts.restart();
        boolean held = facts.kubeNode() != null && facts.kubeNode().heldByUs();
        String pending = recorded != null ? recorded.pending() : describePending(facts.pending());
        if (plan instanceof Plan.Act<VmAction> act) {
            VmAction action = act.action();
            if (action instanceof VmAction.TakeBudget take) {
                return new RestartStatus(Phase.Draining, take.pending(), now.toString());
            }
            if (action instanceof VmAction.Drain) {
                return new RestartStatus(Phase.ShuttingDown, pending, now.toString());
            }
            if (action instanceof VmAction.Shutdown) {
                return new RestartStatus(
                        Phase.ShuttingDown, pending, recorded == null ? now.toString() : recorded.since());
            }
            if (action instanceof VmAction.Start && (recorded != null || held)) {
                return new RestartStatus(Phase.Starting, pending, now.toString());
            }
            if (action instanceof VmAction.ReleaseBudget) {
                return null;
            }
        }
        if (recorded == null && held) {
            return new RestartStatus(Phase.Draining, pending, now.toString());
        }
        return recorded;
    }

    /**
     * The snapshot's power state comes from pvestatd, which refreshes every few seconds: right after a start task
     * succeeded it may still say stopped. A second qmstart would fail ("already running") and count as a failure, so a
     * successful start that finished less than {@link #POWER_STATE_SETTLE} before the snapshot was taken means
     * "started; wait for a snapshot that shows it". A snapshot taken later than that is believed: the VM stopped since.
     */
    private static Plan<VmAction> startUnlessJustStarted(VmFacts facts, VmResource guest) {
        if (justFinished(facts, START_TASKS)) {
            return Plan.waitFor(
                    ConditionReasons.WAITING_FOR_SNAPSHOT,
                    "VM " + guest.vmid() + " was started; waiting for the cluster snapshot to show it running");
        }
        return Plan.act(new VmAction.Start(guest.node(), guest.vmid()));
    }

    /** A task of one of {@code types} succeeded for this VM, too shortly before the snapshot for it to show. */
    static boolean justFinished(VmFacts facts, Set<String> types) {
        Optional<Instant> ended = Optional.empty();
        if (facts.task() instanceof TaskProgress.Succeeded succeeded
                && types.contains(succeeded.task().type())) {
            ended = Optional.of(
                    succeeded.task().endTime() == null
                            ? facts.now()
                            : Instant.ofEpochSecond(succeeded.task().endTime()));
        } else if (facts.task() instanceof TaskProgress.NoTask
                && facts.lastTask() != null
                && types.contains(facts.lastTask().type())
                && STOPPED.equals(facts.lastTask().status())
                && isSuccess(facts.lastTask().exitStatus())) {
            ended = instant(facts.lastTask().finishedAt());
        }
        return ended.filter(at -> at.plus(POWER_STATE_SETTLE).isAfter(facts.snapshotAt()))
                .isPresent();
    }

    /** The deletion of a TalosNodeVM: Retain releases the VM, Delete stops and destroys it, then its seed. */
    static Plan<VmAction> planDeletion(VmFacts facts) {
        Optional<Plan<VmAction>> task = followTask(facts);
        if (task.isPresent()) {
            return task.get();
        }
        Integer vmid = facts.recordedVmid();
        Optional<String> seedStorage = TalosVmConfig.seedStorage(facts.spec());
        boolean delete = facts.spec().deletionPolicy() == DeletionPolicy.Delete;
        if (vmid == null || facts.guest().isEmpty()) {
            if (delete && vmid != null && facts.seed() == SeedState.UPLOADED && seedStorage.isPresent()) {
                return Plan.act(new VmAction.DeleteSeed(
                        facts.recordedNode(), seedStorage.get(), TalosVmConfig.seedVolid(seedStorage.get(), vmid)));
            }
            return Plan.done();
        }
        VmResource guest = facts.guest().get();
        Optional<VmConfig> config = facts.config();
        if (config.isEmpty()) {
            return Plan.waitFor(ConditionReasons.WAITING_FOR_SNAPSHOT, "VM " + vmid + "'s config is not read yet");
        }
        if (GuestMarker.ownership(config.get().description().orElse(null), facts.owner()) != Ownership.OURS) {
            // never ours, or released already: nothing on Proxmox is touched
            return Plan.done();
        }
        if (guest.lock() != null) {
            return Plan.waitFor(
                    ConditionReasons.VM_LOCKED, "VM " + vmid + " is locked (" + guest.lock() + "); waiting");
        }
        if (!delete) {
            return Plan.act(new VmAction.Unmark(
                    guest.node(),
                    vmid,
                    GuestMarker.withoutMarker(config.get().tags()),
                    GuestMarker.unmarkedDescription(config.get().description().orElse(null)),
                    config.get().digest()));
        }
        if (!"stopped".equals(guest.status())) {
            return Plan.act(new VmAction.Stop(guest.node(), vmid));
        }
        return Plan.act(new VmAction.Destroy(guest.node(), vmid));
    }

    /** A running task is waited for; a failed one is reported, and its step tried again after a while. */
    private static Optional<Plan<VmAction>> followTask(VmFacts facts) {
        TaskProgress progress = facts.task();
        if (progress instanceof TaskProgress.Running running) {
            return Optional.of(Plan.waitFor(
                    ConditionReasons.TASK_RUNNING, "waiting for Proxmox task " + running.type() + " to finish"));
        }
        if (progress instanceof TaskProgress.NotListed) {
            return Optional.of(Plan.waitFor(
                    ConditionReasons.TASK_RUNNING, "waiting for the Proxmox task to show in the cluster's task list"));
        }
        if (progress instanceof TaskProgress.Failed failed) {
            return Optional.of(taskFailed(failed.task().type(), failed.exitStatus(), RETRY_FAILED_AFTER));
        }
        TaskRef last = facts.lastTask();
        if (progress instanceof TaskProgress.NoTask
                && last != null
                && STOPPED.equals(last.status())
                && !isSuccess(last.exitStatus())) {
            Optional<Instant> finished = instant(last.finishedAt());
            Duration left = finished.map(at -> Duration.between(facts.now(), at.plus(RETRY_FAILED_AFTER)))
                    .orElse(Duration.ZERO);
            if (!left.isNegative() && !left.isZero()) {
                return Optional.of(taskFailed(last.type(), last.exitStatus(), left));
            }
        }
        return Optional.empty();
    }

    private static Plan<VmAction> taskFailed(String type, String exitStatus, Duration retryIn) {
        return new Plan.Wait<>(
                ConditionReasons.PROXMOX_TASK_FAILED,
                "Proxmox task " + type + " failed: " + exitStatus + "; trying again in " + retryIn.toSeconds() + "s",
                retryIn);
    }

    /** An existing VM is ours only by its description's marker; anything else is left alone unless adopted. */
    private static Optional<Plan<VmAction>> ownershipProblem(VmFacts facts, VmResource guest) {
        if (facts.config().isEmpty()) {
            // not read because status shows it converged; the tag confirms nobody took the marker away
            return GuestMarker.tagged(guest.tags())
                    ? Optional.empty()
                    : Optional.of(Plan.waitFor(
                            ConditionReasons.WAITING_FOR_SNAPSHOT, "VM " + guest.vmid() + "'s config is not read yet"));
        }
        VmConfig config = facts.config().get();
        String description = config.description().orElse(null);
        Ownership ownership = GuestMarker.ownership(description, facts.owner());
        if (ownership == Ownership.OURS) {
            return Optional.empty();
        }
        if (ownership == Ownership.OTHER_OWNER) {
            return Optional.of(Plan.invalid(
                    ConditionReasons.OWNERSHIP_CONFLICT,
                    "VM " + guest.vmid() + " on " + guest.node() + " is marked as owned by someone else; "
                            + "it is not touched"));
        }
        if (Boolean.TRUE.equals(facts.spec().adopt())) {
            return Optional.of(Plan.act(new VmAction.Adopt(
                    guest.node(),
                    guest.vmid(),
                    GuestMarker.tags(config.tags()),
                    GuestMarker.description(description, facts.owner()),
                    config.digest())));
        }
        return Optional.of(Plan.invalid(
                ConditionReasons.OWNERSHIP_CONFLICT,
                "VM " + guest.vmid() + " (" + guest.name() + ") on " + guest.node()
                        + " exists and was not created by this TalosNodeVM; set spec.adopt to take it over, or "
                        + "choose another vmid"));
    }

    /**
     * VMID and SMBIOS UUID are recorded before anything is created. A VM of ours found again (a restore without
     * status) gives both back; otherwise the spec's VMID or a free one from the cluster's range, and a new UUID.
     */
    private static Optional<Plan<VmAction>> identity(VmFacts facts) {
        Integer vmid = facts.recordedVmid();
        String uuid = facts.recordedUuid();
        if (vmid != null && uuid != null) {
            return Optional.empty();
        }
        Optional<VmConfig> existing = facts.config().filter(c -> facts.guest().isPresent());
        if (vmid == null && facts.rediscovered().isPresent()) {
            vmid = facts.rediscovered().get().vmid();
            existing = Optional.of(facts.rediscovered().get().config());
        }
        if (vmid == null) {
            OptionalInt free = VmidAllocator.allocate(facts.vmidRange(), facts.takenVmids());
            if (free.isEmpty()) {
                return Optional.of(Plan.invalid(
                        ConditionReasons.VMID_UNAVAILABLE,
                        facts.vmidRange() == null
                                ? "spec.vmid is unset and the ProxmoxCluster has no vmidRange to allocate from"
                                : "every VMID of the ProxmoxCluster's vmidRange "
                                        + facts.vmidRange().start() + "-"
                                        + facts.vmidRange().end() + " is in use"));
            }
            vmid = free.getAsInt();
        }
        if (uuid == null) {
            uuid = existing.flatMap(TalosVmConfig::smbiosUuid).orElse(facts.candidateUuid());
        }
        return Optional.of(Plan.act(new VmAction.RecordIdentity(vmid, uuid)));
    }

    private static Plan<VmAction> absent(VmFacts facts, int vmid) {
        TaskRef last = facts.lastTask();
        if (last != null && "qmcreate".equals(last.type()) && isSuccess(last.exitStatus())) {
            return facts.seenBefore()
                    ? missing(vmid)
                    : Plan.waitFor(
                            ConditionReasons.WAITING_FOR_SNAPSHOT,
                            "VM " + vmid + " was created; waiting for the cluster snapshot to show it");
        }
        if (facts.seenBefore()) {
            return missing(vmid);
        }
        if (facts.spec().boot().iso() == null) {
            return Plan.invalid(
                    ConditionReasons.NOT_IMPLEMENTED,
                    "creating a VM from boot.cloneFrom or boot.importFrom is not implemented yet; use boot.iso");
        }
        return Plan.act(new VmAction.Create(
                facts.spec().node(),
                vmid,
                TalosVmConfig.createOptions(facts.spec(), facts.vmName(), facts.recordedUuid(), facts.owner())));
    }

    /** A VM that existed and is gone held data (etcd): a person decides, the operator does not silently recreate. */
    private static Plan<VmAction> missing(int vmid) {
        return Plan.waitFor(
                ConditionReasons.EXTERNAL_OBJECT_MISSING,
                "VM " + vmid + " existed and is gone from the cluster; it is not recreated on its own (its disks "
                        + "held data). Delete this TalosNodeVM's status, or the resource, to start over");
    }

    private static Optional<Plan<VmAction>> seed(VmFacts facts, VmResource guest) {
        Optional<String> storage = TalosVmConfig.seedStorage(facts.spec());
        if (storage.isEmpty() || facts.config().isEmpty()) {
            return Optional.empty();
        }
        int vmid = guest.vmid();
        String volid = TalosVmConfig.seedVolid(storage.get(), vmid);
        return switch (facts.seed()) {
            case NOT_NEEDED, ATTACHED_OR_UNKNOWN -> Optional.empty();
            case MISSING ->
                Optional.of(Plan.act(
                        new VmAction.UploadSeed(guest.node(), storage.get(), TalosVmConfig.seedFilename(vmid))));
            case UPLOADED ->
                Optional.of(Plan.act(new AttachSeed(
                        guest.node(),
                        vmid,
                        TalosVmConfig.SEED_CDROM,
                        volid,
                        facts.config().get().digest())));
        };
    }

    private static boolean isSuccess(String exitStatus) {
        return exitStatus != null && (exitStatus.startsWith("OK") || exitStatus.startsWith("WARNINGS"));
    }

    private static Optional<Instant> instant(String text) {
        try {
            return text == null ? Optional.empty() : Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
