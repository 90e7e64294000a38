package dev.underlay.controller.backuppolicy;

import dev.underlay.api.v1alpha1.backuppolicy.RestoreTestResultStatus;
import dev.underlay.api.v1alpha1.backuppolicy.RestoreTestRunStatus;
import dev.underlay.api.v1alpha1.backuppolicy.RestoreTestSpec;
import dev.underlay.api.v1alpha1.backuppolicy.ScratchVmidRangeSpec;
import dev.underlay.api.v1alpha1.common.ConditionReasons;
import dev.underlay.controller.support.plan.Plan;
import dev.underlay.controller.support.plan.TaskProgress;
import dev.underlay.proxmox.model.StorageContent;
import dev.underlay.proxmox.model.VmResource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The restore test's decisions by table: one row per situation a reconcile can find. */
class RestoreTestPlannerTest {

    private static final Instant CREATED = Instant.parse("2025-01-01T00:00:00Z");
    /** Monthly on the 1st at 05:00 UTC: first due 2025-01-01T05:00Z. */
    private static final RestoreTestSpec SPEC =
            new RestoreTestSpec("*-*-01 05:00", "pve1", "local-lvm", null, new ScratchVmidRangeSpec(9000, 9001), 600);

    private static final Instant BEFORE_DUE = Instant.parse("2025-01-01T04:00:00Z");
    private static final Instant DUE = Instant.parse("2025-01-01T05:00:30Z");
    private static final String STARTED = "2025-01-01T05:00:00Z";

    private static final StorageContent OLD_101 = archive(101, 100);
    private static final StorageContent NEW_101 = archive(101, 200);
    private static final StorageContent NEW_102 = archive(102, 150);

    static Stream<Arguments> rows() {
        return Stream.of(
                row("not due yet", in(BEFORE_DUE), Plan.done()),
                row(
                        "due: the newest archive of the first VM, on the first free VMID",
                        in(DUE),
                        Plan.act(new RestoreAction.Restore(9000, 101, NEW_101.volid()))),
                row(
                        "due, first VMID taken: the next one",
                        in(DUE).guests(Set.of(101, 102, 9000)),
                        Plan.act(new RestoreAction.Restore(9001, 101, NEW_101.volid()))),
                row(
                        "rotation: after 101 comes 102",
                        in(Instant.parse("2025-02-01T05:00:30Z")).last(passed(101, "2025-01-01T05:00:00Z")),
                        Plan.act(new RestoreAction.Restore(9000, 102, NEW_102.volid()))),
                row(
                        "rotation wraps: after 102 comes 101",
                        in(Instant.parse("2025-02-01T05:00:30Z")).last(passed(102, "2025-01-01T05:00:00Z")),
                        Plan.act(new RestoreAction.Restore(9000, 101, NEW_101.volid()))),
                row(
                        "tested this month: not due until the next",
                        in(Instant.parse("2025-01-20T00:00:00Z")).last(passed(101, "2025-01-01T05:00:00Z")),
                        Plan.done()),
                row(
                        "VMID range exhausted",
                        in(DUE).guests(Set.of(9000, 9001)),
                        waits(ConditionReasons.NO_SCRATCH_VMID)),
                row("no archive yet", in(DUE).archives(List.of()), waits(ConditionReasons.NO_ARCHIVE_YET)),
                row(
                        "archives only of VMs the job does not cover",
                        in(DUE).archives(List.of(archive(300, 1))),
                        waits(ConditionReasons.NO_ARCHIVE_YET)),
                row("another test runs on the cluster", in(DUE).busy(), waits(ConditionReasons.RESTORE_TEST_QUEUED)),
                row(
                        "leftover scratch VM: destroyed before any new test",
                        in(DUE).leftovers(Map.of(9001, "pve1", 9000, "pve2")),
                        Plan.act(new RestoreAction.AdoptLeftover(9000, "pve2"))),
                row(
                        "restoring, task running",
                        in(DUE).run(run(RestoreStep.Restoring, null)).task(running()),
                        waits(ConditionReasons.RESTORE_TEST_RUNNING)),
                row(
                        "restored: start it",
                        in(DUE).run(run(RestoreStep.Restoring, null))
                                .task(succeeded())
                                .scratch(vm(false)),
                        Plan.act(new RestoreAction.Start(9000))),
                row(
                        "restore failed (corrupt archive): judged Failed, naming the archive",
                        in(DUE).run(run(RestoreStep.Restoring, null)).task(failed("unable to restore: corrupt")),
                        Plan.act(new RestoreAction.Conclude(
                                RestoreResult.Failed,
                                "restoring backups:backup/vzdump-qemu-101-200.vma.zst failed: "
                                        + "unable to restore: corrupt"))),
                row(
                        "starting, task running",
                        in(DUE).run(run(RestoreStep.Starting, false)).task(running()),
                        waits(ConditionReasons.RESTORE_TEST_RUNNING)),
                row(
                        "started, no agent: passed",
                        in(DUE).run(run(RestoreStep.Starting, false))
                                .task(succeeded())
                                .scratch(vm(true)),
                        Plan.act(new RestoreAction.Conclude(RestoreResult.Passed, null))),
                row(
                        "started, agent not answering yet: waits",
                        in(DUE).run(run(RestoreStep.Starting, true))
                                .task(succeeded())
                                .scratch(vm(true)),
                        waits(ConditionReasons.RESTORE_TEST_RUNNING)),
                row(
                        "started, agent answers: passed",
                        in(DUE).run(run(RestoreStep.Starting, true))
                                .task(succeeded())
                                .scratch(vm(true))
                                .agent(),
                        Plan.act(new RestoreAction.Conclude(RestoreResult.Passed, null))),
                row(
                        "timeout while booting",
                        in(Instant.parse("2025-01-01T05:10:01Z"))
                                .run(run(RestoreStep.Starting, true))
                                .task(succeeded())
                                .scratch(vm(true)),
                        Plan.act(new RestoreAction.Conclude(
                                RestoreResult.TimedOut,
                                "VM 9000 restored from backups:backup/vzdump-qemu-101-200.vma.zst did not run with an "
                                        + "answering guest agent within 600s"))),
                row(
                        "destroying: a restore still running is cancelled",
                        in(DUE).run(destroying("UPID:pve1:1:2:3:qmrestore:9000:root@pam:"))
                                .task(running())
                                .scratch(vm(false)),
                        Plan.act(new RestoreAction.CancelTask("UPID:pve1:1:2:3:qmrestore:9000:root@pam:"))),
                row(
                        "destroying: running VM stopped",
                        in(DUE).run(destroying(null)).scratch(vm(true)),
                        Plan.act(new RestoreAction.Stop(9000))),
                row(
                        "destroying: stopped VM deleted",
                        in(DUE).run(destroying(null)).scratch(vm(false)),
                        Plan.act(new RestoreAction.Delete(9000))),
                row(
                        "destroying: delete task running",
                        in(DUE).run(destroying("UPID:pve1:1:2:3:qmdestroy:9000:r@pam:"))
                                .task(running())
                                .scratch(vm(false)),
                        waits(ConditionReasons.RESTORE_TEST_RUNNING)),
                row(
                        "destroying: VM gone, finished",
                        in(DUE).run(destroying(null)),
                        Plan.act(new RestoreAction.Finish())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void decides(String name, Row row, Plan<RestoreAction> expected) {
        Plan<RestoreAction> plan = new RestoreTestPlanner(SPEC).plan(row.build());
        if (expected instanceof Plan.Wait<RestoreAction> wait) {
            assertThat(plan).isInstanceOf(Plan.Wait.class);
            assertThat(((Plan.Wait<RestoreAction>) plan).reason()).isEqualTo(wait.reason());
        } else {
            assertThat(plan).isEqualTo(expected);
        }
    }

    private static Arguments row(String name, Row row, Plan<RestoreAction> expected) {
        return Arguments.of(name, row, expected);
    }

    private static Plan<RestoreAction> waits(String reason) {
        return Plan.waitFor(reason, "-");
    }

    private static Row in(Instant now) {
        return new Row(now);
    }

    /** Inputs with the defaults of a calm cluster: VMs 101 and 102 covered, both backed up, nothing in progress. */
    static final class Row {
        final Instant now;
        Optional<RestoreTestResultStatus> last = Optional.empty();
        Optional<RestoreTestRunStatus> run = Optional.empty();
        TaskProgress task = new TaskProgress.NoTask();
        Optional<VmResource> scratch = Optional.empty();
        boolean agent;
        Map<Integer, String> leftovers = Map.of();
        boolean busy;
        Set<Integer> guests = Set.of(101, 102);
        List<StorageContent> archives = List.of(OLD_101, NEW_101, NEW_102);

        Row(Instant now) {
            this.now = now;
        }

        Row last(RestoreTestResultStatus value) {
            last = Optional.of(value);
            return this;
        }

        Row run(RestoreTestRunStatus value) {
            run = Optional.of(value);
            return this;
        }

        Row task(TaskProgress value) {
            task = value;
            return this;
        }

        Row scratch(VmResource value) {
            scratch = Optional.of(value);
            return this;
        }

        Row agent() {
            agent = true;
            return this;
        }

        Row leftovers(Map<Integer, String> value) {
            leftovers = value;
            return this;
        }

        Row busy() {
            busy = true;
            return this;
        }

        Row guests(Set<Integer> value) {
            guests = value;
            return this;
        }

        Row archives(List<StorageContent> value) {
            archives = value;
            return this;
        }

        RestoreTestPlanner.Inputs build() {
            return new RestoreTestPlanner.Inputs(
                    now,
                    CREATED,
                    last,
                    run,
                    task,
                    scratch,
                    agent,
                    leftovers,
                    busy,
                    guests,
                    List.of(101, 102),
                    archives);
        }

        @Override
        public String toString() {
            return "at " + now;
        }
    }

    private static StorageContent archive(int vmid, long ctime) {
        return new StorageContent(
                "backups:backup/vzdump-qemu-" + vmid + "-" + ctime + ".vma.zst",
                "backup",
                "vma.zst",
                1L,
                null,
                vmid,
                ctime,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    private static RestoreTestResultStatus passed(int vmid, String at) {
        return new RestoreTestResultStatus(at, vmid, "v", "Passed", 30L, null);
    }

    private static RestoreTestRunStatus run(RestoreStep step, Boolean agent) {
        return new RestoreTestRunStatus(
                9000, 101, NEW_101.volid(), "pve1", STARTED, step.name(), "UPID:x", agent, null, null, null);
    }

    private static RestoreTestRunStatus destroying(String upid) {
        return new RestoreTestRunStatus(
                9000,
                101,
                NEW_101.volid(),
                "pve1",
                STARTED,
                RestoreStep.Destroying.name(),
                upid,
                false,
                "Passed",
                null,
                30L);
    }

    private static TaskProgress running() {
        return new TaskProgress.Running("UPID:x", "qmrestore");
    }

    private static TaskProgress succeeded() {
        return new TaskProgress.Succeeded(null, null);
    }

    private static TaskProgress failed(String exit) {
        return new TaskProgress.Failed(null, exit);
    }

    private static VmResource vm(boolean running) {
        return new VmResource(
                "qemu/9000",
                "qemu",
                9000,
                "pve1",
                "restore-test",
                running ? "running" : "stopped",
                false,
                null,
                null,
                List.of("underlay-owned", "underlay-restore-test"),
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
                null);
    }
}
