package dev.underlay.controller.support;

import dev.underlay.api.v1alpha1.common.ClusterRef;
import dev.underlay.api.v1alpha1.common.ConditionReasons;
import dev.underlay.api.v1alpha1.common.ConditionTypes;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The ProxmoxCluster a child resource (CephPool, TalosNodeVM, BackupPolicy) lives on: a watch that wakes the children
 * whenever their cluster appears, changes (status included) or goes away, and a lookup from that watch's cache that
 * says whether the child may proceed.
 */
public final class ClusterRefResolver {

    /** Name of the ProxmoxCluster event source in every child controller. */
    public static final String EVENT_SOURCE = "referenced-cluster";

    private static final String INDEX = "underlay.dev/cluster-ref";

    private ClusterRefResolver() {}

    /**
     * The ProxmoxCluster event source for prepareEventSources.
     *
     * @param clusterRef the child's spec.clusterRef; must tolerate a missing spec (return null)
     */
    public static <P extends HasMetadata> InformerEventSource<ProxmoxCluster, P> eventSource(
            EventSourceContext<P> context, Function<P, ClusterRef> clusterRef) {
        ReferenceIndex<P> index = ReferenceIndex.register(INDEX, context, primary -> {
            ClusterRef ref = clusterRef.apply(primary);
            return ref == null || ref.name() == null ? Set.of() : Set.of(ref.name());
        });
        InformerEventSourceConfiguration<ProxmoxCluster> configuration = InformerEventSourceConfiguration.from(
                        ProxmoxCluster.class, context.getPrimaryResourceClass())
                .withName(EVENT_SOURCE)
                .withSecondaryToPrimaryMapper(index.referrers())
                .withOnUpdateFilter(ClusterRefResolver::mattersToChildren)
                .withNamespacesInheritedFromController()
                .build();
        return new InformerEventSource<>(configuration, context);
    }

    /**
     * Whether a ProxmoxCluster update can change what its children do: a new generation, deletion starting, or its
     * Ready condition moving. The cluster rewrites its observed status on every resync (node load, snapshot time);
     * waking every child for that would turn one cluster resync into a reconcile of every VM. What children need from
     * a snapshot reaches them through their own snapshot event source, by changed observation only.
     */
    static boolean mattersToChildren(ProxmoxCluster updated, ProxmoxCluster previous) {
        if (!java.util.Objects.equals(
                        updated.getMetadata().getGeneration(),
                        previous.getMetadata().getGeneration())
                || updated.isMarkedForDeletion() != previous.isMarkedForDeletion()) {
            return true;
        }
        Optional<Condition> now = readyOf(updated);
        Optional<Condition> before = readyOf(previous);
        if (now.isEmpty() || before.isEmpty()) {
            return now.isPresent() != before.isPresent();
        }
        return !java.util.Objects.equals(now.get().getStatus(), before.get().getStatus())
                || !java.util.Objects.equals(now.get().getReason(), before.get().getReason())
                || !java.util.Objects.equals(
                        now.get().getMessage(), before.get().getMessage());
    }

    private static Optional<Condition> readyOf(ProxmoxCluster cluster) {
        return cluster.getStatus() == null
                ? Optional.empty()
                : Conditions.find(cluster.getStatus().getConditions(), ConditionTypes.READY);
    }

    /** Whether the referenced cluster exists and is Ready; otherwise the Ready=False state the child should report. */
    @SuppressWarnings("unchecked")
    public static <P extends HasMetadata> ClusterResolution resolve(Context<P> context, ClusterRef ref) {
        InformerEventSource<ProxmoxCluster, P> clusters = (InformerEventSource<ProxmoxCluster, P>)
                context.eventSourceRetriever().getEventSourceFor(ProxmoxCluster.class, EVENT_SOURCE);
        String namespace = context.getPrimaryResource().getMetadata().getNamespace();
        Optional<ProxmoxCluster> found = clusters.get(new ResourceID(ref.name(), namespace));
        if (found.isEmpty()) {
            return ClusterResolution.blocked(ConditionState.isFalse(
                    ConditionTypes.READY,
                    ConditionReasons.CLUSTER_NOT_FOUND,
                    "ProxmoxCluster " + ref.name() + " does not exist in namespace " + namespace));
        }
        return judge(found.get());
    }

    static ClusterResolution judge(ProxmoxCluster cluster) {
        String name = cluster.getMetadata().getName();
        if (cluster.isMarkedForDeletion()) {
            return ClusterResolution.blocked(notReady("ProxmoxCluster " + name + " is being deleted"));
        }
        Optional<Condition> ready = cluster.getStatus() == null
                ? Optional.empty()
                : Conditions.find(cluster.getStatus().getConditions(), ConditionTypes.READY);
        if (ready.isEmpty()) {
            return ClusterResolution.blocked(notReady("ProxmoxCluster " + name + " has not reported readiness yet"));
        }
        if (!ConditionState.TRUE.equals(ready.get().getStatus())) {
            return ClusterResolution.blocked(notReady("ProxmoxCluster " + name + " is not Ready: "
                    + ready.get().getReason() + ": " + ready.get().getMessage()));
        }
        return ClusterResolution.ready(cluster);
    }

    private static ConditionState notReady(String message) {
        return ConditionState.isFalse(ConditionTypes.READY, ConditionReasons.CLUSTER_NOT_READY, message);
    }
}
