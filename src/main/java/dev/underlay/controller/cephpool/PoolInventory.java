package dev.underlay.controller.cephpool;

import dev.underlay.ceph.CephApi;
import dev.underlay.ceph.CephApiException;
import dev.underlay.ceph.CephUnsupportedException;
import dev.underlay.ceph.model.CrushRule;
import dev.underlay.ceph.model.Pool;
import dev.underlay.observe.ClusterKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * All pools of one cluster with their usage and its CRUSH rules, read with one {@code pools()} call per cluster and
 * shared by all its CephPools, at most once per {@code underlay.cephpool.usage-refresh} (default 5 minutes): usage
 * in status is cheap, whatever the number of pools. A CephPool that changed something, or whose spec changed, asks
 * for a fresh read ({@link #invalidate}), so convergence never waits for the refresh period.
 */
@ApplicationScoped
public class PoolInventory {

    /** What one read returned; {@code crushRules} empty when the backend cannot list them. */
    public record Inventory(List<Pool> pools, Optional<Set<String>> crushRules, Instant fetchedAt) {

        public Optional<Pool> pool(String name) {
            return pools.stream().filter(p -> p.name().equals(name)).findFirst();
        }
    }

    private final Map<ClusterKey, Inventory> cache = new ConcurrentHashMap<>();

    @ConfigProperty(name = "underlay.cephpool.usage-refresh", defaultValue = "5m")
    Duration refresh;

    @Inject
    Clock clock;

    public Inventory of(ClusterKey cluster, CephApi api) throws CephApiException {
        Instant now = clock.instant();
        Inventory current = cache.get(cluster);
        if (current != null && current.fetchedAt().plus(refresh).isAfter(now)) {
            return current;
        }
        Inventory fresh = new Inventory(api.pools(), crushRules(api), now);
        cache.put(cluster, fresh);
        return fresh;
    }

    public void invalidate(ClusterKey cluster) {
        cache.remove(cluster);
    }

    private static Optional<Set<String>> crushRules(CephApi api) throws CephApiException {
        try {
            return Optional.of(api.crushRules().stream().map(CrushRule::name).collect(Collectors.toSet()));
        } catch (CephUnsupportedException proxmoxCannotList) {
            return Optional.empty();
        }
    }
}
