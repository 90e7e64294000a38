package dev.underlay.metrics;

import dev.underlay.config.UnderlayConfig;
import dev.underlay.observe.ClusterKey;
import dev.underlay.observe.ClusterSnapshot;
import dev.underlay.proxmox.ProxmoxApi;
import dev.underlay.proxmox.ProxmoxApiException;
import dev.underlay.proxmox.model.NotBackedUp;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cluster metrics, from the snapshot the cluster controller takes anyway (no call of their own), plus the
 * guests-not-backed-up list, which needs an extra call and is therefore refreshed only every
 * {@code underlay.metrics.not-backed-up-interval}. All series carry a {@code cluster} tag (namespace/name) and go away
 * with the guest, node or cluster they describe.
 */
@ApplicationScoped
public class ClusterMetrics {

    static final String SNAPSHOT_DURATION = "underlay.snapshot.duration";
    static final String SNAPSHOT_AGE = "underlay.snapshot.age.seconds";

    private final Map<ClusterKey, PerCluster> clusters = new ConcurrentHashMap<>();

    @Inject
    MeterRegistry registry;

    @Inject
    Clock clock;

    @Inject
    UnderlayConfig config;

    public ClusterMetrics() {}

    /** For tests without CDI. */
    ClusterMetrics(MeterRegistry registry, Clock clock, UnderlayConfig config) {
        this.registry = registry;
        this.clock = clock;
        this.config = config;
    }

    public void snapshotTaken(ClusterSnapshot snapshot, Duration took) {
        PerCluster cluster = of(snapshot.cluster());
        cluster.lastSnapshot = snapshot.fetchedAt();
        Timer.builder(SNAPSHOT_DURATION)
                .description("Time to take one cluster snapshot (five Proxmox reads)")
                .tags("cluster", snapshot.cluster().toString())
                .register(registry)
                .record(took);
        cluster.snapshot.begin();
        SnapshotSeries.write(snapshot, cluster.snapshot);
        cluster.snapshot.end();
    }

    /** The cluster could not be observed: pve_up of the cluster drops to 0, the last values of the rest stay. */
    public void unreachable(ClusterKey key) {
        PerCluster cluster = of(key);
        cluster.snapshot.set("pve.up", SnapshotSeries.UP_HELP, SnapshotSeries.tags(key, "id", "cluster"), 0);
    }

    /** Reads {@code /cluster/backup-info/not-backed-up} when it is due for this cluster; a failure only logs. */
    public void refreshNotBackedUp(ClusterKey key, ProxmoxApi api) {
        PerCluster cluster = of(key);
        Instant now = clock.instant();
        if (cluster.notBackedUpDue != null && now.isBefore(cluster.notBackedUpDue)) {
            return;
        }
        cluster.notBackedUpDue = now.plus(config.metrics().notBackedUpInterval());
        List<NotBackedUp> guests;
        try {
            guests = api.notBackedUp();
        } catch (ProxmoxApiException e) {
            Log.debugf("ProxmoxCluster %s: not-backed-up list unavailable: %s", key, e.getMessage());
            return;
        }
        cluster.notBackedUpGuests = List.copyOf(guests);
        cluster.notBackedUp.begin();
        SnapshotSeries.writeNotBackedUp(key, guests, cluster.notBackedUp);
        cluster.notBackedUp.end();
    }

    /**
     * The guests no backup job covered at the last read of {@code /cluster/backup-info/not-backed-up}; empty before
     * the first. The BackupPolicy controller reports from this list instead of asking Proxmox again.
     */
    public Optional<List<NotBackedUp>> notBackedUp(ClusterKey key) {
        PerCluster cluster = clusters.get(key);
        return cluster == null ? Optional.empty() : Optional.ofNullable(cluster.notBackedUpGuests);
    }

    /** Removes every series of a deleted cluster. */
    public void forget(ClusterKey key) {
        PerCluster cluster = clusters.remove(key);
        if (cluster == null) {
            return;
        }
        cluster.snapshot.clear();
        cluster.notBackedUp.clear();
        registry.remove(cluster.age);
        for (Meter meter :
                registry.find(SNAPSHOT_DURATION).tag("cluster", key.toString()).meters()) {
            registry.remove(meter);
        }
    }

    private PerCluster of(ClusterKey key) {
        return clusters.computeIfAbsent(key, k -> {
            PerCluster cluster = new PerCluster(registry);
            cluster.age = Gauge.builder(SNAPSHOT_AGE, cluster, c -> c.ageSeconds(clock))
                    .description("Seconds since the cluster's last successful snapshot")
                    .tags("cluster", k.toString())
                    .strongReference(true)
                    .register(registry);
            return cluster;
        });
    }

    private static final class PerCluster {
        final GaugeSeries snapshot;
        final GaugeSeries notBackedUp;
        volatile Instant lastSnapshot;
        volatile Instant notBackedUpDue;
        volatile List<NotBackedUp> notBackedUpGuests;
        Gauge age;

        PerCluster(MeterRegistry registry) {
            snapshot = new GaugeSeries(registry);
            notBackedUp = new GaugeSeries(registry);
        }

        double ageSeconds(Clock clock) {
            Instant last = lastSnapshot;
            return last == null
                    ? Double.NaN
                    : Duration.between(last, clock.instant()).toMillis() / 1000.0;
        }
    }
}
