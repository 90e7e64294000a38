package dev.underlay.controller.talosnodevm;

import dev.underlay.api.v1alpha1.common.ConditionReasons;
import dev.underlay.api.v1alpha1.common.ConditionTypes;
import dev.underlay.api.v1alpha1.common.TaskRef;
import dev.underlay.api.v1alpha1.talosnodevm.DriftEntry;
import dev.underlay.api.v1alpha1.talosnodevm.RestartStatus;
import dev.underlay.api.v1alpha1.talosnodevm.TalosNodeVMStatus;
import dev.underlay.controller.support.ConditionState;
import dev.underlay.controller.support.plan.Plan;
import dev.underlay.controller.support.plan.TaskProgress;
import dev.underlay.proxmox.model.TaskSummary;
import dev.underlay.proxmox.model.VmResource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one reconcile reports: the Ready condition rendered from the plan, and the status fields from the facts (the
 * identity, where the VM is and its power state, the task to follow). Status never holds the machine config.
 */
record VmStatusView(
        ConditionState ready,
        Optional<ConditionState> pendingRestart,
        VmFacts facts,
        Plan<VmAction> plan,
        Optional<TaskRef> lastTask,
        Optional<List<DriftEntry>> drift,
        RestartStatus restart,
        String now) {

    static VmStatusView of(VmFacts facts, Plan<VmAction> plan, Optional<TaskRef> started, String now) {
        Optional<TaskRef> task = started.isPresent() ? started : judged(facts, now);
        if (facts == null) {
            return new VmStatusView(ready(null, plan), Optional.empty(), null, plan, task, Optional.empty(), null, now);
        }
        RestartStatus restart = VmPlanner.restartAfter(facts, plan, Instant.parse(now));
        return new VmStatusView(
                ready(facts, plan), pendingRestart(facts, restart), facts, plan, task, drift(facts), restart, now);
    }

    List<ConditionState> conditions() {
        List<ConditionState> out = new ArrayList<>();
        out.add(ready);
        pendingRestart.ifPresent(out::add);
        return out;
    }

    /**
     * Desired against actual per field, only when the config was read (otherwise the last reading stands); pending
     * values count as not there yet: the running VM does not have them.
     */
    private static Optional<List<DriftEntry>> drift(VmFacts facts) {
        if (facts.config().isEmpty() || facts.guest().isEmpty()) {
            return Optional.empty();
        }
        List<DriftEntry> out = new ArrayList<>(
                VmConvergence.of(facts.spec(), facts.config().get()).drift());
        facts.pending().forEach((key, value) -> out.add(new DriftEntry(key, value, "pending a restart")));
        return Optional.of(List.copyOf(out));
    }

    private static Optional<ConditionState> pendingRestart(VmFacts facts, RestartStatus restart) {
        if (facts.config().isEmpty() || facts.guest().isEmpty()) {
            return Optional.empty();
        }
        if (facts.pending().isEmpty() && restart == null) {
            return Optional.of(ConditionState.isFalse(
                    ConditionTypes.PENDING_RESTART, ConditionReasons.RECONCILED, "no change waits for a restart"));
        }
        String what = facts.pending().isEmpty()
                ? (restart == null ? "" : restart.pending())
                : VmPlanner.describePending(facts.pending());
        String step = restart == null ? "waiting for the restart gate" : "restart step " + restart.phase();
        return Optional.of(ConditionState.isTrue(
                ConditionTypes.PENDING_RESTART,
                ConditionReasons.CHANGES_PENDING,
                "Proxmox holds " + what + " for the next start; " + step));
    }

    void applyTo(TalosNodeVMStatus status) {
        if (facts == null) {
            return;
        }
        Integer vmid = facts.recordedVmid();
        String uuid = facts.recordedUuid();
        if (plan instanceof Plan.Act<VmAction> act && act.action() instanceof VmAction.RecordIdentity identity) {
            vmid = identity.vmid();
            uuid = identity.smbiosUuid();
        }
        if (vmid != null) {
            status.setVmid(vmid);
        }
        if (uuid != null) {
            status.setSmbiosUuid(uuid);
        }
        facts.guest().ifPresent(guest -> {
            status.setNode(guest.node());
            status.setPowerState(powerState(guest));
        });
        facts.config().ifPresent(config -> {
            status.setConfigDigest(config.digest());
            status.setConfigCheckedAt(now);
        });
        drift.ifPresent(status::setDrift);
        status.setRestart(restart);
        lastTask.ifPresent(status::setLastTask);
    }

    private static ConditionState ready(VmFacts facts, Plan<VmAction> plan) {
        if (plan instanceof Plan.Done<VmAction>) {
            return ConditionState.isTrue(
                    ConditionTypes.READY,
                    ConditionReasons.RECONCILED,
                    facts.guest()
                            .map(g -> "VM " + g.vmid() + " is " + g.status() + " on " + g.node())
                            .orElse("converged"));
        }
        if (plan instanceof Plan.Act<VmAction> act) {
            return ConditionState.isFalse(
                    ConditionTypes.READY,
                    ConditionReasons.PROVISIONING,
                    act.action().describe());
        }
        if (plan instanceof Plan.Wait<VmAction> wait) {
            return ConditionState.isFalse(ConditionTypes.READY, wait.reason(), wait.message());
        }
        Plan.Invalid<VmAction> invalid = (Plan.Invalid<VmAction>) plan;
        return ConditionState.isFalse(ConditionTypes.READY, invalid.reason(), invalid.message());
    }

    /** A task that finished is recorded as judged, so it is followed no more and its outcome stays readable. */
    private static Optional<TaskRef> judged(VmFacts facts, String now) {
        if (facts == null || facts.lastTask() == null) {
            return Optional.empty();
        }
        TaskRef last = facts.lastTask();
        TaskSummary task;
        String exit;
        if (facts.task() instanceof TaskProgress.Succeeded succeeded) {
            task = succeeded.task();
            exit = succeeded.note() == null ? task.status() : "OK (" + succeeded.note() + ")";
        } else if (facts.task() instanceof TaskProgress.Failed failed) {
            task = failed.task();
            exit = failed.exitStatus();
        } else {
            return Optional.empty();
        }
        String finished = task.endTime() == null
                ? now
                : Instant.ofEpochSecond(task.endTime()).toString();
        return Optional.of(new TaskRef(last.upid(), last.type(), VmPlanner.STOPPED, exit, last.startedAt(), finished));
    }

    private static String powerState(VmResource guest) {
        return switch (guest.status() == null ? "unknown" : guest.status()) {
            case "running" -> "Running";
            case "stopped" -> "Stopped";
            default -> "Unknown";
        };
    }
}
