package dev.underlay.controller.support.plan;

import dev.underlay.api.v1alpha1.common.TaskRef;
import dev.underlay.observe.ClusterSnapshot;
import dev.underlay.observe.Snapshots;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code status.lastTask} followed through a snapshot: every row is snapshot + recorded task → progress. */
class TaskFollowerTest {

    private static final long START = Snapshots.AT.getEpochSecond() - 120;

    static Stream<Arguments> rows() {
        return Stream.of(
                row("nothing recorded", s -> s, null, "NoTask"),
                row("a task already judged", s -> s, task -> stopped(task), "NoTask"),
                row("still running", s -> s.runningTask("qmcreate", "101"), task -> task, "Running qmcreate"),
                row("done and OK", s -> s.finishedTask("qmcreate", "101", START, "OK"), task -> task, "Succeeded"),
                row(
                        "warnings are a success",
                        s -> s.finishedTask("vzdump", "", START, "WARNINGS: 2"),
                        task -> task,
                        "Succeeded"),
                row(
                        "failed with Proxmox's text",
                        s -> s.finishedTask("qmclone", "9000", START, "can't lock file"),
                        task -> task,
                        "Failed can't lock file"),
                row(
                        "qmstart that failed but started the VM",
                        s -> s.vm(101, "pve-ms01-01", "running")
                                .finishedTask("qmstart", "101", START, "start failed: QEMU exited with code 1"),
                        task -> task,
                        "Succeeded qmstart reported 'start failed: QEMU exited with code 1' but the VM is running"
                                + " (Proxmox's start quirk)"),
                row(
                        "qmstart that failed and the VM is stopped",
                        s -> s.vm(101, "pve-ms01-01", "stopped")
                                .finishedTask("qmstart", "101", START, "start failed: QEMU exited with code 1"),
                        task -> task,
                        "Failed start failed: QEMU exited with code 1"),
                row(
                        "aged out of the cluster's task list",
                        s -> s,
                        task -> new TaskRef(
                                "UPID:pve-ms01-01:00001234:00000001:5F000000:qmcreate:101:root@pam:",
                                "qmcreate",
                                "running",
                                null,
                                null,
                                null),
                        "NotListed UPID:pve-ms01-01:00001234:00000001:5F000000:qmcreate:101:root@pam:"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void follows(
            String name, Function<Snapshots, Snapshots> cluster, Function<TaskRef, TaskRef> recorded, String expected) {
        ClusterSnapshot snapshot = cluster.apply(Snapshots.homelab()).build();
        TaskRef listed = snapshot.tasks().isEmpty()
                ? new TaskRef("UPID:none", "none", "running", null, null, null)
                : TaskFollower.started(snapshot.tasks().get(0).upid(), null);
        TaskRef last = recorded == null ? null : recorded.apply(listed);

        assertThat(render(TaskFollower.follow(last, snapshot))).isEqualTo(expected);
    }

    private static Arguments row(
            String name, Function<Snapshots, Snapshots> cluster, Function<TaskRef, TaskRef> recorded, String expected) {
        return Arguments.of(name, cluster, recorded, expected);
    }

    private static TaskRef stopped(TaskRef task) {
        return new TaskRef(task.upid(), task.type(), "stopped", "OK", task.startedAt(), null);
    }

    private static String render(TaskProgress progress) {
        if (progress instanceof TaskProgress.Running running) {
            return "Running " + running.type();
        }
        if (progress instanceof TaskProgress.Succeeded succeeded) {
            return succeeded.note() == null ? "Succeeded" : "Succeeded " + succeeded.note();
        }
        if (progress instanceof TaskProgress.Failed failed) {
            return "Failed " + failed.exitStatus();
        }
        if (progress instanceof TaskProgress.NotListed notListed) {
            return "NotListed " + notListed.upid();
        }
        return progress.getClass().getSimpleName();
    }
}
