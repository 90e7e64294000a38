package dev.underlay.simulator.pve.task;

import dev.underlay.simulator.pve.PveError;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.function.ToLongFunction;

/**
 * Runs tasks and other deferred effects on the injected clock. Nothing runs on its own thread:
 * {@link #advance()} completes whatever is due, and the simulator calls it before every request,
 * so with a {@link dev.underlay.simulator.pve.ManualClock} a test decides exactly when a task
 * stops. Not thread-safe; the simulator serialises access.
 */
public final class TaskEngine {

    private static final int HISTORY_LIMIT = 5000;

    private final Clock clock;
    private final Random random;
    private final PriorityQueue<Deferred> queue = new PriorityQueue<>();
    private final Map<String, Task> tasks = new LinkedHashMap<>();
    private final Map<String, Duration> latencyByType = new HashMap<>();
    private final Map<String, Deque<String>> failNext = new HashMap<>();
    private final ToLongFunction<String> nodeUptimeSeconds;
    private Duration minLatency = Duration.ZERO;
    private Duration maxLatency = Duration.ofMillis(200);
    private int nextPid = 0x1f00;
    private long sequence;

    public TaskEngine(Clock clock, long seed, ToLongFunction<String> nodeUptimeSeconds) {
        this.clock = clock;
        this.random = new Random(seed);
        this.nodeUptimeSeconds = nodeUptimeSeconds;
    }

    public void setDefaultLatency(Duration min, Duration max) {
        if (max.compareTo(min) < 0) {
            throw new IllegalArgumentException("max latency below min");
        }
        this.minLatency = min;
        this.maxLatency = max;
    }

    public void setLatency(String taskType, Duration latency) {
        latencyByType.put(taskType, latency);
    }

    /** The next task of this type stops with {@code exitStatus} instead of doing its work. */
    public void failNext(String taskType, String exitStatus) {
        failNext.computeIfAbsent(taskType, t -> new ArrayDeque<>()).add(exitStatus);
    }

    public Task start(String node, String type, String id, String user, TaskWork work) {
        if (id != null && !id.matches("[^:\\s/]*")) {
            throw new IllegalArgumentException("a UPID id cannot hold ':', '/' or spaces: " + id);
        }
        Instant now = clock.instant();
        int pid = nextPid++;
        long pstart = Math.max(1, nodeUptimeSeconds.applyAsLong(node)) * 100 + (pid & 0xff);
        String upid = String.format(
                Locale.ROOT,
                "UPID:%s:%08X:%08X:%08X:%s:%s:%s:",
                node,
                pid,
                pstart,
                now.getEpochSecond(),
                type,
                id == null ? "" : id,
                user);
        Task task = new Task(upid, node, pid, pstart, now, type, id == null ? "" : id, user);
        task.work = work;
        Deque<String> failures = failNext.get(type);
        if (failures != null && !failures.isEmpty()) {
            task.forcedExit = failures.poll();
        }
        task.dueAt = now.plus(latencyFor(type));
        tasks.put(upid, task);
        trimHistory();
        queue.add(new Deferred(task.dueAt, sequence++, () -> finish(task)));
        return task;
    }

    /** A task that requests something and stops at once (HA {@code hastart} and friends). */
    public Task startInstant(String node, String type, String id, String user, TaskWork work) {
        Task task = start(node, type, id, user, work);
        task.dueAt = clock.instant();
        finish(task);
        return task;
    }

    /** Runs {@code action} once the clock reaches now + delay. */
    public void defer(Duration delay, Runnable action) {
        queue.add(new Deferred(clock.instant().plus(delay), sequence++, action));
    }

    /** Completes everything whose time has come, oldest first. */
    public void advance() {
        Instant now = clock.instant();
        while (!queue.isEmpty() && !queue.peek().due.isAfter(now)) {
            queue.poll().action.run();
        }
    }

    public Optional<Task> find(String upid) {
        return Optional.ofNullable(tasks.get(upid));
    }

    public List<Task> all() {
        List<Task> list = new ArrayList<>(tasks.values());
        Collections.reverse(list);
        return list;
    }

    /** Stops a running task as {@code DELETE /tasks/{upid}} does. */
    public void abort(Task task) {
        if (task.running()) {
            task.log.add("received interrupt");
            stopWith(task, "interrupted by signal");
        }
    }

    private void finish(Task task) {
        if (!task.running()) {
            return;
        }
        if (task.forcedExit != null) {
            stopWith(task, task.forcedExit);
            return;
        }
        String exit;
        try {
            exit = task.work.complete(task);
        } catch (PveError e) {
            exit = e.getMessage().strip();
        }
        stopWith(task, exit);
    }

    private void stopWith(Task task, String exit) {
        if (exit.equals("OK")) {
            task.log.add("TASK OK");
        } else if (exit.startsWith("WARNINGS:")) {
            task.log.add("TASK " + exit);
        } else {
            task.log.add("TASK ERROR: " + exit);
        }
        task.stop(exit, clock.instant().isBefore(task.dueAt) ? task.dueAt : clock.instant());
        task.onFinish.forEach(Runnable::run);
    }

    private Duration latencyFor(String type) {
        Duration fixed = latencyByType.get(type);
        if (fixed != null) {
            return fixed;
        }
        long span = maxLatency.toMillis() - minLatency.toMillis();
        return minLatency.plusMillis(span <= 0 ? 0 : (long) (random.nextDouble() * span));
    }

    private void trimHistory() {
        if (tasks.size() <= HISTORY_LIMIT) {
            return;
        }
        var it = tasks.values().iterator();
        while (tasks.size() > HISTORY_LIMIT && it.hasNext()) {
            if (!it.next().running()) {
                it.remove();
            }
        }
    }

    private record Deferred(Instant due, long seq, Runnable action) implements Comparable<Deferred> {
        @Override
        public int compareTo(Deferred o) {
            int c = due.compareTo(o.due);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
