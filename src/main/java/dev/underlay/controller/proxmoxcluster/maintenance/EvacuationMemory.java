package dev.underlay.controller.proxmoxcluster.maintenance;

import dev.underlay.controller.support.ha.HaNodeAffinities;
import dev.underlay.proxmox.model.MigratePrecondition;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one maintenance entry has set in motion that the snapshot cannot tell: the migrations in flight, failures and
 * the retry backoff, whether bulk migration works, cached migrate preconditions. Kept in memory only; after a restart
 * the snapshot (running migration tasks, {@code migrate} locks) and the Node marks carry the entry on, so nothing is
 * started twice.
 */
final class EvacuationMemory {

    static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    static final Duration LONGEST_RETRY = Duration.ofMinutes(10);
    static final Duration PRECONDITION_TTL = Duration.ofMinutes(1);

    private final List<Launch> inFlight = new ArrayList<>();
    private final Set<Integer> movedAway = new HashSet<>();
    private final Map<Integer, Cached> preconditions = new HashMap<>();
    private HaNodeAffinities haAffinities;
    private Instant haAffinitiesAt;
    private final Set<String> notes = new LinkedHashSet<>();
    private int failures;
    private Instant lastFailureAt;
    private String lastFailure;
    private boolean bulkUnusable;
    private boolean started;

    List<Launch> inFlight() {
        return List.copyOf(inFlight);
    }

    void launched(List<Launch> launches) {
        inFlight.addAll(launches);
        if (!launches.isEmpty()) {
            started = true;
        }
    }

    /** The set in flight has finished; {@code arrived} are the guests that left the node with it. */
    void landed(Set<Integer> arrived) {
        inFlight.clear();
        movedAway.addAll(arrived);
    }

    boolean cameBack(int vmid) {
        return movedAway.remove(vmid);
    }

    void failed(String why, Instant now) {
        failures++;
        lastFailure = why;
        lastFailureAt = now;
    }

    void succeeded() {
        failures = 0;
        lastFailure = null;
        lastFailureAt = null;
    }

    int failures() {
        return failures;
    }

    Optional<String> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    /** When the next set may start after {@code failures} failed ones: 30 s, doubling, at most 10 minutes apart. */
    Optional<Instant> retryAt() {
        if (failures == 0) {
            return Optional.empty();
        }
        Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(failures - 1, 10));
        return Optional.of(lastFailureAt.plus(wait.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait));
    }

    boolean bulkUnusable() {
        return bulkUnusable;
    }

    void bulkUnusable(boolean value) {
        bulkUnusable = value;
    }

    boolean started() {
        return started;
    }

    void started(boolean value) {
        started = started || value;
    }

    /** Remarks that stay true for the rest of the maintenance (a Talos VM without Kubernetes node was not drained). */
    void note(String remark) {
        notes.add(remark);
    }

    List<String> notes() {
        return List.copyOf(notes);
    }

    Optional<MigratePrecondition> precondition(int vmid, Instant now) {
        Cached cached = preconditions.get(vmid);
        return cached == null || cached.at.plus(PRECONDITION_TTL).isBefore(now)
                ? Optional.empty()
                : Optional.of(cached.value);
    }

    void precondition(int vmid, MigratePrecondition value, Instant now) {
        preconditions.put(vmid, new Cached(value, now));
    }

    /** The HA groups/rules as read within the last {@link #PRECONDITION_TTL}. */
    Optional<HaNodeAffinities> haAffinities(Instant now) {
        return haAffinities == null || haAffinitiesAt.plus(PRECONDITION_TTL).isBefore(now)
                ? Optional.empty()
                : Optional.of(haAffinities);
    }

    void haAffinities(HaNodeAffinities value, Instant now) {
        haAffinities = value;
        haAffinitiesAt = now;
    }

    private record Cached(MigratePrecondition value, Instant at) {}
}
