package dev.underlay.controller.proxmoxcluster;

import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxClusterStatus;
import dev.underlay.config.UnderlayConfig;
import dev.underlay.controller.proxmoxcluster.ha.HaLayoutOutcome;
import dev.underlay.observe.ClusterKey;
import dev.underlay.observe.ClusterSnapshot;
import dev.underlay.proxmox.model.HaStatusEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides whether the HA layout sync runs on this resync. Each HA layout pass costs Proxmox reads of
 * its own (mode probe, groups or rules, HA resources), which on a calm cluster would double the snapshot's cost on
 * every resync. So it runs when something can have changed: the spec (generation), its own last pass (a write to
 * verify, an error, a held-back step), the HA resources the snapshot shows, or the drift period elapsed, and not at
 * all when the spec declares no group and status shows none left to remove. Maintenance is not throttled: it drives
 * migrations step by step, and with nothing requested it makes no Proxmox call (it still lists the Kubernetes Nodes
 * every resync, because cordon marks a past run left behind are found only there).
 */
@ApplicationScoped
public class SyncCadence {

    private static final Set<String> RETRY_STATES = Set.of("Error");

    private final Map<ClusterKey, HaPass> haPasses = new ConcurrentHashMap<>();

    @Inject
    UnderlayConfig config;

    @Inject
    Clock clock;

    boolean haLayoutDue(ProxmoxCluster cluster, ClusterSnapshot snapshot) {
        ProxmoxClusterStatus status = cluster.getStatus();
        boolean ownsNothing = status == null || status.getHaGroups().isEmpty();
        if (cluster.getSpec().haGroups().isEmpty() && ownsNothing) {
            return false;
        }
        HaPass last = haPasses.get(snapshot.cluster());
        return last == null
                || last.followUp()
                || !Objects.equals(last.generation(), cluster.getMetadata().getGeneration())
                || !last.haResources().equals(haResources(snapshot))
                || !clock.instant().isBefore(last.at().plus(config.resync().haLayoutDrift()));
    }

    void haLayoutRan(ProxmoxCluster cluster, ClusterSnapshot snapshot, Optional<HaLayoutOutcome> outcome) {
        boolean followUp = outcome.isEmpty()
                || outcome.get().changed()
                || "Unknown".equals(outcome.get().haMode())
                || outcome.get().groups().stream().anyMatch(g -> RETRY_STATES.contains(g.state()));
        haPasses.put(
                snapshot.cluster(),
                new HaPass(cluster.getMetadata().getGeneration(), haResources(snapshot), clock.instant(), followUp));
    }

    void forget(ClusterKey cluster) {
        haPasses.remove(cluster);
    }

    /** The HA resources and their states as the snapshot's HA status lists them. */
    private static Set<String> haResources(ClusterSnapshot snapshot) {
        Set<String> resources = new TreeSet<>();
        for (HaStatusEntry entry : snapshot.haStatus()) {
            if (entry instanceof HaStatusEntry.Service service) {
                resources.add(service.sid() + "=" + service.state());
            }
        }
        return resources;
    }

    private record HaPass(Long generation, Set<String> haResources, Instant at, boolean followUp) {}
}
