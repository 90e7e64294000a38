package dev.underlay.simulator.pve.task;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One PVE worker task. While running it has no exit status; once stopped, {@code exitStatus} is
 * {@code OK}, {@code WARNINGS: n} or the error text, as in {@code /tasks/{upid}/status}.
 */
public final class Task {
    public final String upid;
    public final String node;
    public final int pid;
    public final long pstart;
    public final Instant startTime;
    public final String type;
    public final String id;
    public final String user;
    public final List<String> log = new ArrayList<>();
    final List<Runnable> onFinish = new ArrayList<>();
    TaskWork work;
    Instant dueAt;
    String forcedExit;
    private volatile boolean running = true;
    private volatile String exitStatus;
    private volatile Instant endTime;

    Task(String upid, String node, int pid, long pstart, Instant startTime, String type, String id, String user) {
        this.upid = upid;
        this.node = node;
        this.pid = pid;
        this.pstart = pstart;
        this.startTime = startTime;
        this.type = type;
        this.id = id;
        this.user = user;
    }

    public boolean running() {
        return running;
    }

    public String exitStatus() {
        return exitStatus;
    }

    public Instant endTime() {
        return endTime;
    }

    /** Success as {@code PVE::UPID::status_is_error} sees it. */
    public boolean succeeded() {
        return !running && exitStatus != null && (exitStatus.equals("OK") || exitStatus.startsWith("WARNINGS:"));
    }

    /** Registers cleanup (lock release) that runs when the task stops, whatever the outcome. */
    public void onFinish(Runnable r) {
        onFinish.add(r);
    }

    void stop(String exit, Instant at) {
        this.exitStatus = exit;
        this.endTime = at;
        this.running = false;
    }
}
