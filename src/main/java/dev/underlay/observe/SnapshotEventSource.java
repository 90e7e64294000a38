package dev.underlay.observe;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.OperatorException;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.ResourceIDMapper;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.inbound.CachingInboundEventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
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

    /**
     * The cluster controller's side of {@link SnapshotStore#requestRefresh}: a refresh request for a cluster becomes a
     * reconcile of that ProxmoxCluster (same namespace and name as the key), which takes the snapshot. JOSDK merges
     * requests that arrive while a reconcile runs into one more, so a burst of writes costs one extra snapshot.
     */
    public static final class RefreshRequests<P extends HasMetadata> extends SimpleInboundEventSource<P> {

        private final SnapshotStore store;
        private final EventSourceContext<P> context;
        private final Consumer<ClusterKey> listener = this::requested;

        private RefreshRequests(SnapshotStore store, EventSourceContext<P> context) {
            super("underlay-snapshot-refresh-requests");
            this.store = store;
            this.context = context;
        }

        public static <P extends HasMetadata> RefreshRequests<P> register(
                SnapshotStore store, EventSourceContext<P> context) {
            RefreshRequests<P> source = new RefreshRequests<>(store, context);
            store.addRefreshListener(source.listener);
            return source;
        }

        /**
         * A cluster being deleted is left alone: its cleanup wrote the request itself, and one more pass would run the
         * cleanup again.
         */
        private void requested(ClusterKey cluster) {
            ResourceID id = new ResourceID(cluster.name(), cluster.namespace());
            boolean live = context.getPrimaryCache()
                    .get(id)
                    .map(p -> p.getMetadata().getDeletionTimestamp() == null)
                    .orElse(false);
            if (isRunning() && live) {
                propagateEvent(id);
            }
        }

        @Override
        public void stop() {
            store.removeRefreshListener(listener);
            super.stop();
        }
    }
}
