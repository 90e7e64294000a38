package dev.underlay.controller.proxmoxcluster.maintenance;

import dev.underlay.api.v1alpha1.common.ManagementPolicy;
import dev.underlay.api.v1alpha1.proxmoxcluster.MaintenanceSpec;
import dev.underlay.api.v1alpha1.proxmoxcluster.NodeStatus;
import dev.underlay.api.v1alpha1.proxmoxcluster.NodeStatus.MaintenanceState;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxClusterStatus;
import dev.underlay.controller.proxmoxcluster.maintenance.MaintenanceOutcome.NodeMaintenance;
import dev.underlay.controller.support.disruption.DisruptionBudget;
import dev.underlay.controller.support.disruption.DisruptionHolder;
import dev.underlay.controller.support.disruption.KubernetesView;
import dev.underlay.controller.support.disruption.NodeDrainer;
import dev.underlay.observe.ClusterKey;
import dev.underlay.observe.ClusterSnapshot;
import dev.underlay.proxmox.ProxmoxApi;
import dev.underlay.proxmox.ProxmoxApiException;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The seed's "Node Maintenance Mode", automated: one step per call for every {@code spec.maintenance} entry
 * ({@link NodeEvacuation}), then the end of maintenance for entries that are gone: uncordon what this entry
 * cordoned, unset the Ceph noout flag if this operator set it and no entry wants it any more. Guests are not moved
 * back: placement is intent, and the TalosNodeVM controller moves its VM only if its spec.node says so.
 *
 * <p>State lives where it survives a restart (status, the disruption marks on the Nodes, the snapshot's tasks and locks);
 * the in-memory {@link EvacuationMemory} only sharpens it (launched tasks, backoff). JOSDK reconciles one
 * ProxmoxCluster at a time, so an entry's memory is never used by two threads at once.
 */
@ApplicationScoped
public class NodeMaintenanceSync implements MaintenanceSync {

    private final KubernetesClient client;
    private final Clock clock;
    private final DisruptionBudget budget;
    private final Map<DisruptionHolder.Maintenance, EvacuationMemory> memories = new ConcurrentHashMap<>();

    @Inject
    public NodeMaintenanceSync(KubernetesClient client, Clock clock, DisruptionBudget budget) {
        this.client = client;
        this.clock = clock;
        this.budget = budget;
    }

    @Override
    public MaintenanceOutcome sync(ProxmoxCluster cluster, ProxmoxApi api, ClusterSnapshot snapshot)
            throws ProxmoxApiException {
        ClusterKey key = ClusterKey.of(cluster);
        List<MaintenanceSpec> entries = cluster.getSpec().maintenance();
        ProxmoxClusterStatus status = cluster.getStatus();
        Map<String, MaintenanceState> previous = previousStates(status);
        CephNoOut noOut = new CephNoOut(key, status != null && Boolean.TRUE.equals(status.getCephNoOutSetByOperator()));
        KubernetesView view = KubernetesView.read(client, key.namespace(), !entries.isEmpty());
        StepContext ctx = new StepContext(
                key,
                key.name(),
                snapshot,
                api,
                view,
                new NodeDrainer(client),
                budget,
                noOut,
                entries.stream().map(MaintenanceSpec::node).collect(Collectors.toCollection(TreeSet::new)),
                previous,
                clock.instant());
        boolean observe = cluster.getSpec().managementPolicy() == ManagementPolicy.Observe;

        Map<String, NodeMaintenance> nodes = new TreeMap<>();
        if (!observe) {
            releaseEnded(ctx, nodes);
        }
        boolean inProgress = false;
        for (MaintenanceSpec entry : entries) {
            EntryResult result = step(ctx, entry, observe);
            nodes.put(entry.node(), new NodeMaintenance(result.state(), result.message(), result.blocked()));
            inProgress |= result.inProgress();
            logTransition(key, entry.node(), ctx.previous(entry.node()), result);
        }
        if (!observe) {
            inProgress |= releaseNoOut(ctx, entries);
        }
        return new MaintenanceOutcome(nodes, inProgress, noOut.setByOperator());
    }

    private EntryResult step(StepContext ctx, MaintenanceSpec entry, boolean observe) throws ProxmoxApiException {
        EvacuationMemory memory = memories.computeIfAbsent(
                new DisruptionHolder.Maintenance(ctx.cluster(), entry.node()), o -> new EvacuationMemory());
        NodeEvacuation evacuation = new NodeEvacuation(ctx, entry, memory);
        if (observe) {
            return evacuation.preview();
        }
        if (!ctx.snapshot().isQuorate()) {
            return new EntryResult(
                    ctx.previous(entry.node()),
                    Holdup.waiting("the Proxmox cluster is not quorate; maintenance of " + entry.node()
                                    + " goes on once it is")
                            .render(),
                    true);
        }
        return evacuation.step();
    }

    /**
     * Undoes the cordons of entries that are gone, first, so that the control-plane budget of the remaining entries
     * sees the Nodes as they are now.
     */
    private void releaseEnded(StepContext ctx, Map<String, NodeMaintenance> nodes) {
        Set<String> ended = new TreeSet<>(ctx.kubernetes().pveNodesInMaintenance(ctx.cluster()));
        ctx.previous().forEach((node, state) -> {
            if (state != MaintenanceState.None) {
                ended.add(node);
            }
        });
        memories.keySet().stream()
                .filter(o -> o.cluster().equals(ctx.cluster()))
                .map(DisruptionHolder.Maintenance::pveNode)
                .forEach(ended::add);
        ended.removeAll(ctx.maintenanceNodes());
        for (String node : ended) {
            DisruptionHolder.Maintenance owner = new DisruptionHolder.Maintenance(ctx.cluster(), node);
            ctx.kubernetes().nodesHeldBy(owner).forEach(n -> ctx.budget().release(owner, n, ctx.kubernetes()));
            memories.remove(owner);
            nodes.put(node, new NodeMaintenance(MaintenanceState.None, null, false));
            if (ctx.previous(node) != MaintenanceState.None) {
                Log.infof(
                        "ProxmoxCluster %s: maintenance of %s ended (%s -> None); guests stay where they are",
                        ctx.cluster(), node, ctx.previous(node));
            }
        }
    }

    /** Unsets noout once no entry asks for it, if this operator set it; true while that waits for quorum. */
    private static boolean releaseNoOut(StepContext ctx, List<MaintenanceSpec> entries) throws ProxmoxApiException {
        boolean wanted = entries.stream().anyMatch(MaintenanceSpec::isCephNoOut);
        if (!ctx.snapshot().isQuorate()) {
            return ctx.noOut().setByOperator() && !wanted;
        }
        ctx.noOut().releaseUnlessWanted(ctx.api(), wanted);
        return false;
    }

    private static Map<String, MaintenanceState> previousStates(ProxmoxClusterStatus status) {
        Map<String, MaintenanceState> previous = new HashMap<>();
        if (status != null) {
            for (NodeStatus node : status.getNodes()) {
                if (node.name() != null && node.maintenance() != null) {
                    previous.put(node.name(), node.maintenance());
                }
            }
        }
        return previous;
    }

    private static void logTransition(ClusterKey key, String node, MaintenanceState before, EntryResult after) {
        if (before != after.state()) {
            Log.infof(
                    "ProxmoxCluster %s: maintenance of %s %s -> %s: %s",
                    key, node, before, after.state(), Objects.toString(after.message(), ""));
        } else {
            Log.debugf(
                    "ProxmoxCluster %s: maintenance of %s stays %s: %s",
                    key, node, after.state(), Objects.toString(after.message(), ""));
        }
    }
}
