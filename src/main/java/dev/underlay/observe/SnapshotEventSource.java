package dev.underlay.observe;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.OperatorException;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.ResourceIDMapper;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.inbound.CachingInboundEventSource;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Fans each published {@link ClusterSnapshot} out to the child resources of that cluster (ARCHITECTURE §3.1): for
 * every primary referring to the cluster it computes the primary's observation (a value record) and hands it to
 * JOSDK's external-resource cache, which fires a reconcile only when the observation differs from the cached one by
 * {@code equals()}. So a snapshot in which one of a thousand VMs changed wakes exactly that VM's resource, and a
 * first reconcile after start reads the observation from the store (cache miss) without calling Proxmox.
 *
 * @param <R> the observation record
 * @param <P> the child resource kind
 */
public final class SnapshotEventSource<R, P extends HasMetadata> extends CachingInboundEventSource<R, P, String>
        implements SnapshotListener {

    private static final String INDEX = "underlay.dev/snapshot-cluster";

    private final SnapshotStore store;
    private final IndexerResourceCache<P> primaries;
    private final BiFunction<P, ClusterSnapshot, Optional<R>> observe;

    private SnapshotEventSource(
            SnapshotStore store,
            IndexerResourceCache<P> primaries,
            Class<R> type,
            ResourceIDMapper<R, String> id,
            Function<P, Optional<String>> clusterName,
            BiFunction<P, ClusterSnapshot, Optional<R>> observe) {
        super(primary -> observed(store, clusterName, observe, primary), type, id);
        this.store = store;
        this.primaries = primaries;
        this.observe = observe;
    }

    /**
     * Builds the event source and registers its index on the primary cache; call from prepareEventSources.
     *
     * @param id          the observation's identity within its primary (vmid, pool name, job id)
     * @param clusterName the ProxmoxCluster a primary refers to (same namespace); must tolerate a missing spec
     * @param observe     the primary's observation in a snapshot; empty when the snapshot has nothing for it
     */
    public static <R, P extends HasMetadata> SnapshotEventSource<R, P> register(
            EventSourceContext<P> context,
            SnapshotStore store,
            Class<R> type,
            ResourceIDMapper<R, String> id,
            Function<P, Optional<String>> clusterName,
            BiFunction<P, ClusterSnapshot, Optional<R>> observe) {
        IndexerResourceCache<P> primaries = context.getPrimaryCache();
        primaries.addIndexer(
                INDEX,
                primary -> clusterName
                        .apply(primary)
                        .map(name ->
                                List.of(ClusterKey.referencedBy(primary, name).toString()))
                        .orElse(List.of()));
        return new SnapshotEventSource<>(store, primaries, type, id, clusterName, observe);
    }

    @Override
    public void start() throws OperatorException {
        super.start();
        store.addListener(this);
    }

    @Override
    public void stop() throws OperatorException {
        store.removeListener(this);
        super.stop();
    }

    @Override
    public void published(ClusterSnapshot snapshot) {
        for (P primary : primaries.byIndex(INDEX, snapshot.cluster().toString())) {
            handleResourceEvent(
                    ResourceID.fromResource(primary),
                    observe.apply(primary, snapshot).map(Set::of).orElse(Set.of()));
        }
    }

    @Override
    public void removed(ClusterKey cluster) {
        for (P primary : primaries.byIndex(INDEX, cluster.toString())) {
            handleResourceEvent(ResourceID.fromResource(primary), Set.<R>of());
        }
    }

    private static <R, P extends HasMetadata> Set<R> observed(
            SnapshotStore store,
            Function<P, Optional<String>> clusterName,
            BiFunction<P, ClusterSnapshot, Optional<R>> observe,
            P primary) {
        return clusterName
                .apply(primary)
                .flatMap(name -> store.latest(ClusterKey.referencedBy(primary, name)))
                .flatMap(snapshot -> observe.apply(primary, snapshot))
                .map(Set::of)
                .orElse(Set.of());
    }
}
