package dev.underlay.controller.backuppolicy;

import dev.underlay.api.v1alpha1.backuppolicy.BackupPolicy;
import dev.underlay.api.v1alpha1.backuppolicy.BackupPolicyStatus;
import dev.underlay.api.v1alpha1.backuppolicy.RestoreTestResultStatus;
import dev.underlay.api.v1alpha1.backuppolicy.RestoreTestRunStatus;
import dev.underlay.api.v1alpha1.backuppolicy.RestoreTestSpec;
import dev.underlay.api.v1alpha1.common.ConditionReasons;
import dev.underlay.api.v1alpha1.common.ConditionTypes;
import dev.underlay.controller.support.ConditionState;
import dev.underlay.controller.support.EventPublisher;
import dev.underlay.controller.support.ownership.GuestMarker;
import dev.underlay.controller.support.ownership.OwnerMarker;
import dev.underlay.controller.support.plan.Plan;
import dev.underlay.controller.support.plan.TaskProgress;
import dev.underlay.observe.ClusterKey;
import dev.underlay.observe.ClusterSnapshot;
import dev.underlay.proxmox.GuestAgentException;
import dev.underlay.proxmox.NotFoundException;
import dev.underlay.proxmox.ProxmoxApi;
import dev.underlay.proxmox.ProxmoxApiException;
import dev.underlay.proxmox.model.CreateVmRequest;
import dev.underlay.proxmox.model.DeleteVmOptions;
import dev.underlay.proxmox.model.StorageContent;
import dev.underlay.proxmox.model.TaskStatus;
import dev.underlay.proxmox.model.Upid;
import dev.underlay.proxmox.model.VmConfig;
import dev.underlay.proxmox.model.VmConfigChange;
import dev.underlay.proxmox.model.VmOptions;
import dev.underlay.proxmox.model.VmResource;
import dev.underlay.proxmox.model.VmStatus;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The restore test of one policy for one reconcile: observe (the recorded test, its task and scratch VM read directly,
 * since the snapshot may lag a step behind; leftovers by their marker) → {@link RestoreTestPlanner} → at most one
 * mutating call → what status records. Scheduled by the reconciler's reschedule, never by a timer.
 */
@ApplicationScoped
class RestoreTests {

    /** Marks a scratch VM (beside {@link GuestMarker#TAG}): a TalosNodeVM of the same name never counts as one. */
    static final String RESTORE_TAG = "underlay-restore-test";

    static final String STARTED = "RestoreTestStarted";
    static final String PASSED = "RestoreTestPassed";
    static final String FAILED = "RestoreTestFailed";
    static final String LEFTOVER = "RestoreTestLeftoverDestroyed";

    /** Only to destroy what a test left when spec.restoreTest was removed mid-test. */
    private static final RestoreTestSpec DESTROY_ONLY = new RestoreTestSpec("daily", "-", "-", null, null, 600);

    @Inject
    RestoreTestGuard guard;

    @Inject
    EventPublisher events;

    @Inject
    Clock clock;

    /**
     * What the reconcile reports.
     *
     * @param inProgress the test in progress after this reconcile's step
     * @param last       the last judged test
     * @param nextDue    when the next test is due; empty without spec.restoreTest
     * @param condition  RestoreTestFailed
     * @param busy       a test is in progress: look again soon
     */
    record Outcome(
            Optional<RestoreTestRunStatus> inProgress,
            Optional<RestoreTestResultStatus> last,
            Optional<Instant> nextDue,
            ConditionState condition,
            boolean busy) {

        void apply(BackupPolicyStatus status) {
            status.setRestoreTestInProgress(inProgress.orElse(null));
            status.setLastRestoreTest(last.orElse(null));
            status.setNextRestoreTestTime(nextDue.map(Instant::toString).orElse(null));
        }
    }

    Outcome reconcile(
            BackupPolicy policy,
            OwnerMarker.Owner owner,
            ClusterKey cluster,
            ProxmoxApi api,
            ClusterSnapshot snapshot,
            List<Integer> covered)
            throws ProxmoxApiException {
        return step(
                policy, owner, cluster, api, snapshot, covered, policy.getSpec().restoreTest());
    }

    /**
     * The policy is being deleted: a test in progress ends here, as if spec.restoreTest had been removed, so that its
     * scratch VM is destroyed before the finalizer goes. Call until {@link Outcome#inProgress()} is empty.
     */
    Outcome end(
            BackupPolicy policy, OwnerMarker.Owner owner, ClusterKey cluster, ProxmoxApi api, ClusterSnapshot snapshot)
            throws ProxmoxApiException {
        return step(policy, owner, cluster, api, snapshot, List.of(), null);
    }

    private Outcome step(
            BackupPolicy policy,
            OwnerMarker.Owner owner,
            ClusterKey cluster,
            ProxmoxApi api,
            ClusterSnapshot snapshot,
            List<Integer> covered,
            RestoreTestSpec spec)
            throws ProxmoxApiException {
        BackupPolicyStatus status = policy.getStatus();
        Optional<RestoreTestRunStatus> run =
                Optional.ofNullable(status).map(BackupPolicyStatus::getRestoreTestInProgress);
        Optional<RestoreTestResultStatus> last =
                Optional.ofNullable(status).map(BackupPolicyStatus::getLastRestoreTest);
        if (spec == null && run.isEmpty()) {
            return new Outcome(
                    Optional.empty(),
                    last,
                    Optional.empty(),
                    ConditionState.isFalse(
                            ConditionTypes.RESTORE_TEST_FAILED,
                            ConditionReasons.AS_EXPECTED,
                            "spec.restoreTest is not set"),
                    false);
        }
        if (spec == null) {
            // the test was switched off mid-test: its scratch VM still goes
            run = run.map(r ->
                    r.step().equals(RestoreStep.Destroying.name()) ? r : step(r, RestoreStep.Destroying, r.upid()));
        }
        String holder = owner.token();
        run.ifPresent(r -> guard.claim(cluster, holder));
        Instant now = clock.instant();
        Instant since = Optional.ofNullable(policy.getMetadata().getCreationTimestamp())
                .map(Instant::parse)
                .orElse(now);
        RestoreTestPlanner planner = new RestoreTestPlanner(spec == null ? DESTROY_ONLY : spec);

        TaskProgress task =
                run.map(r -> r.upid()).map(upid -> progress(api, upid)).orElse(new TaskProgress.NoTask());
        Optional<VmResource> scratch = run.isPresent() ? scratchVm(api, run.get()) : Optional.empty();
        boolean agentAnswers = run.isPresent() && agentAnswers(api, run.get(), scratch);
        Integer current = run.map(RestoreTestRunStatus::scratchVmid).orElse(null);
        Map<Integer, String> leftovers = new TreeMap<>();
        boolean otherTest = false;
        for (VmResource vm : snapshot.vms()) {
            if (vm.tags().contains(RESTORE_TAG) && !Integer.valueOf(vm.vmid()).equals(current)) {
                GuestMarker.Ownership ownership = ownership(api, vm, owner);
                if (ownership == GuestMarker.Ownership.OURS) {
                    leftovers.put(vm.vmid(), vm.node());
                } else if (ownership == GuestMarker.Ownership.OTHER_OWNER) {
                    otherTest = true;
                }
            }
        }
        Set<Integer> guests = snapshot.vms().stream().map(VmResource::vmid).collect(Collectors.toSet());
        List<StorageContent> archives = spec != null && planner.wantsArchives(now, since, last, run.isPresent())
                ? api.storageContent(spec.targetNode(), policy.getSpec().storage(), "backup", null)
                : List.of();

        Plan<RestoreAction> plan = planner.plan(new RestoreTestPlanner.Inputs(
                now,
                since,
                last,
                run,
                task,
                scratch,
                agentAnswers,
                leftovers,
                otherTest || guard.heldByOther(cluster, holder),
                guests,
                covered,
                archives));
        if (plan instanceof Plan.Act<RestoreAction> act) {
            Outcome outcome = execute(policy, owner, cluster, api, spec, act.action(), run, last, now);
            return new Outcome(
                    outcome.inProgress(),
                    outcome.last(),
                    spec == null ? Optional.empty() : planner.due(since, outcome.last()),
                    outcome.condition(),
                    outcome.busy());
        }
        ConditionState condition = plan instanceof Plan.Wait<RestoreAction> wait
                ? ConditionState.unknown(ConditionTypes.RESTORE_TEST_FAILED, wait.reason(), wait.message())
                : judged(last);
        return new Outcome(
                run, last, spec == null ? Optional.empty() : planner.due(since, last), condition, run.isPresent());
    }

    private Outcome execute(
            BackupPolicy policy,
            OwnerMarker.Owner owner,
            ClusterKey cluster,
            ProxmoxApi api,
            RestoreTestSpec spec,
            RestoreAction action,
            Optional<RestoreTestRunStatus> run,
            Optional<RestoreTestResultStatus> last,
            Instant now)
            throws ProxmoxApiException {
        String holder = owner.token();
        if (action instanceof RestoreAction.Restore restore) {
            if (!guard.tryAcquire(cluster, holder)) {
                return waiting(
                        run, last, ConditionReasons.RESTORE_TEST_QUEUED, "another restore test runs on this cluster");
            }
            Upid upid = api.createVm(spec.targetNode(), request(restore, spec, owner));
            publish(
                    policy,
                    EventPublisher.NORMAL,
                    STARTED,
                    "restoring " + restore.volid() + " (VM " + restore.sourceVmid() + ") to scratch VM "
                            + restore.scratchVmid() + " on " + spec.targetNode());
            return waiting(
                    Optional.of(new RestoreTestRunStatus(
                            restore.scratchVmid(),
                            restore.sourceVmid(),
                            restore.volid(),
                            spec.targetNode(),
                            now.toString(),
                            RestoreStep.Restoring.name(),
                            upid.toString(),
                            null,
                            null,
                            null,
                            null)),
                    last,
                    ConditionReasons.RESTORE_TEST_RUNNING,
                    "restoring " + restore.volid());
        }
        RestoreTestRunStatus r = run.orElse(null);
        if (action instanceof RestoreAction.AdoptLeftover leftover) {
            publish(
                    policy,
                    EventPublisher.WARNING,
                    LEFTOVER,
                    "scratch VM " + leftover.scratchVmid()
                            + " is marked as this policy's but no test records it (the operator stopped mid-test): destroying it");
            return waiting(
                    Optional.of(new RestoreTestRunStatus(
                            leftover.scratchVmid(),
                            null,
                            null,
                            leftover.node(),
                            now.toString(),
                            RestoreStep.Destroying.name(),
                            null,
                            null,
                            null,
                            null,
                            null)),
                    last,
                    ConditionReasons.RESTORE_TEST_RUNNING,
                    "destroying leftover scratch VM " + leftover.scratchVmid());
        }
        if (action instanceof RestoreAction.Start) {
            VmConfig config = api.vmConfig(r.node(), r.scratchVmid());
            api.updateVmConfig(r.node(), r.scratchVmid(), isolated(config));
            Upid upid = api.startVm(r.node(), r.scratchVmid());
            RestoreTestRunStatus next = new RestoreTestRunStatus(
                    r.scratchVmid(),
                    r.vmid(),
                    r.volid(),
                    r.node(),
                    r.startedAt(),
                    RestoreStep.Starting.name(),
                    upid.toString(),
                    config.agentEnabled(),
                    null,
                    null,
                    null);
            return waiting(
                    Optional.of(next),
                    last,
                    ConditionReasons.RESTORE_TEST_RUNNING,
                    "starting scratch VM " + r.scratchVmid());
        }
        if (action instanceof RestoreAction.Conclude conclude) {
            long seconds = Duration.between(Instant.parse(r.startedAt()), now).getSeconds();
            boolean passed = conclude.result() == RestoreResult.Passed;
            publish(
                    policy,
                    passed ? EventPublisher.NORMAL : EventPublisher.WARNING,
                    passed ? PASSED : FAILED,
                    "restore test of " + r.volid() + " (VM " + r.vmid() + ") " + conclude.result() + " after " + seconds
                            + "s" + (passed ? "" : ": " + conclude.message()));
            RestoreTestRunStatus next = new RestoreTestRunStatus(
                    r.scratchVmid(),
                    r.vmid(),
                    r.volid(),
                    r.node(),
                    r.startedAt(),
                    RestoreStep.Destroying.name(),
                    r.upid(),
                    r.agent(),
                    conclude.result().name(),
                    conclude.message(),
                    seconds);
            return waiting(
                    Optional.of(next),
                    last,
                    ConditionReasons.RESTORE_TEST_RUNNING,
                    "destroying scratch VM " + r.scratchVmid());
        }
        if (action instanceof RestoreAction.CancelTask cancel) {
            api.stopTask(Upid.parse(cancel.upid()));
            return waiting(run, last, ConditionReasons.RESTORE_TEST_RUNNING, "cancelling " + cancel.upid());
        }
        if (action instanceof RestoreAction.Stop) {
            Upid upid = api.stopVm(r.node(), r.scratchVmid());
            return waiting(
                    Optional.of(step(r, RestoreStep.Destroying, upid.toString())),
                    last,
                    ConditionReasons.RESTORE_TEST_RUNNING,
                    "stopping scratch VM " + r.scratchVmid());
        }
        if (action instanceof RestoreAction.Delete) {
            Upid upid = api.deleteVm(r.node(), r.scratchVmid(), DeleteVmOptions.purgeAll());
            return waiting(
                    Optional.of(step(r, RestoreStep.Destroying, upid.toString())),
                    last,
                    ConditionReasons.RESTORE_TEST_RUNNING,
                    "deleting scratch VM " + r.scratchVmid());
        }
        // Finish: the scratch VM is gone
        guard.release(cluster, holder);
        Optional<RestoreTestResultStatus> judged = r.result() == null
                ? last
                : Optional.of(new RestoreTestResultStatus(
                        r.startedAt(), r.vmid(), r.volid(), r.result(), r.durationSeconds(), r.message()));
        Log.infof(
                "BackupPolicy %s/%s: scratch VM %d destroyed",
                policy.getMetadata().getNamespace(), policy.getMetadata().getName(), r.scratchVmid());
        return new Outcome(Optional.empty(), judged, Optional.empty(), judged(judged), false);
    }

    /** Restored unstarted, with new MACs, onto the target storage, marked as ours from the first moment. */
    private static CreateVmRequest request(
            RestoreAction.Restore restore, RestoreTestSpec spec, OwnerMarker.Owner owner) {
        VmOptions options = VmOptions.builder()
                .set("name", "restore-test-" + restore.sourceVmid())
                .set("tags", String.join(";", GuestMarker.tags(List.of(RESTORE_TAG))))
                .set(
                        "description",
                        GuestMarker.description(
                                "Underlay restore test of " + restore.volid() + "; destroyed when the test ends",
                                owner))
                .set("onboot", false)
                .build();
        return new CreateVmRequest(
                restore.scratchVmid(), options, restore.volid(), false, false, true, null, spec.targetStorage(), null);
    }

    /** Every NIC link_down=1, sent with the config's digest: the copy must never answer on its original's network. */
    static VmConfigChange isolated(VmConfig config) {
        VmConfigChange.Builder change = VmConfigChange.builder().digest(config.digest());
        config.values().forEach((key, value) -> {
            if (key.matches("net\\d+")) {
                String down = value.replaceAll(",?link_down=[01]", "") + ",link_down=1";
                change.set(key, down);
            }
        });
        change.set("onboot", "0");
        return change.build();
    }

    private static TaskProgress progress(ProxmoxApi api, String upid) {
        try {
            TaskStatus status = api.taskStatus(Upid.parse(upid));
            if (status.running()) {
                return new TaskProgress.Running(upid, Upid.parse(upid).type());
            }
            return status.isSuccess()
                    ? new TaskProgress.Succeeded(null, null)
                    : new TaskProgress.Failed(null, status.exitStatus());
        } catch (ProxmoxApiException e) {
            // the node forgot the task (or is down): judge by the VM itself
            Log.debugf("task %s: status unavailable: %s", upid, e.getMessage());
            return new TaskProgress.NoTask();
        }
    }

    private static Optional<VmResource> scratchVm(ProxmoxApi api, RestoreTestRunStatus run) throws ProxmoxApiException {
        try {
            VmStatus status = api.vmStatus(run.node(), run.scratchVmid());
            return Optional.of(new VmResource(
                    "qemu/" + run.scratchVmid(),
                    "qemu",
                    run.scratchVmid(),
                    run.node(),
                    status.name(),
                    status.status(),
                    false,
                    null,
                    null,
                    List.of(),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null));
        } catch (NotFoundException gone) {
            return Optional.empty();
        }
    }

    private static boolean agentAnswers(ProxmoxApi api, RestoreTestRunStatus run, Optional<VmResource> scratch)
            throws ProxmoxApiException {
        if (!RestoreStep.Starting.name().equals(run.step())
                || !Boolean.TRUE.equals(run.agent())
                || scratch.map(vm -> !vm.isRunning()).orElse(true)) {
            return false;
        }
        try {
            api.guestNetworkInterfaces(run.node(), run.scratchVmid());
            return true;
        } catch (GuestAgentException notYet) {
            return false;
        }
    }

    private static GuestMarker.Ownership ownership(ProxmoxApi api, VmResource vm, OwnerMarker.Owner owner)
            throws ProxmoxApiException {
        try {
            return GuestMarker.ownership(
                    api.vmConfig(vm.node(), vm.vmid()).description().orElse(null), owner);
        } catch (NotFoundException gone) {
            return GuestMarker.Ownership.UNMARKED;
        }
    }

    private static RestoreTestRunStatus step(RestoreTestRunStatus r, RestoreStep step, String upid) {
        return new RestoreTestRunStatus(
                r.scratchVmid(),
                r.vmid(),
                r.volid(),
                r.node(),
                r.startedAt(),
                step.name(),
                upid,
                r.agent(),
                r.result(),
                r.message(),
                r.durationSeconds());
    }

    private static Outcome waiting(
            Optional<RestoreTestRunStatus> run, Optional<RestoreTestResultStatus> last, String reason, String message) {
        return new Outcome(
                run,
                last,
                Optional.empty(),
                ConditionState.unknown(ConditionTypes.RESTORE_TEST_FAILED, reason, message),
                true);
    }

    private static ConditionState judged(Optional<RestoreTestResultStatus> last) {
        if (last.isEmpty()) {
            return ConditionState.isFalse(
                    ConditionTypes.RESTORE_TEST_FAILED, ConditionReasons.AS_EXPECTED, "no restore test has run yet");
        }
        RestoreTestResultStatus r = last.get();
        if (RestoreResult.Passed.name().equals(r.result())) {
            return ConditionState.isFalse(
                    ConditionTypes.RESTORE_TEST_FAILED,
                    ConditionReasons.AS_EXPECTED,
                    "restore test of " + r.volid() + " (VM " + r.vmid() + ") passed at " + r.at() + " in "
                            + r.durationSeconds() + "s");
        }
        return ConditionState.isTrue(
                ConditionTypes.RESTORE_TEST_FAILED,
                RestoreResult.TimedOut.name().equals(r.result())
                        ? ConditionReasons.RESTORE_TEST_TIMED_OUT
                        : ConditionReasons.RESTORE_TEST_FAILED,
                "restore test of " + r.volid() + " (VM " + r.vmid() + ") at " + r.at() + ": " + r.message());
    }

    private void publish(BackupPolicy policy, String type, String reason, String message) {
        Log.infof(
                "BackupPolicy %s/%s: %s",
                policy.getMetadata().getNamespace(), policy.getMetadata().getName(), message);
        events.publish(policy, type, reason, message);
    }
}
