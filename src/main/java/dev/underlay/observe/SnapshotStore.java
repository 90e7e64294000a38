package dev.underlay.observe;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The latest snapshot of every ProxmoxCluster, published by the cluster controller after each resync and read by
 * everything else: the child controllers (through their snapshot event sources), the quorum gate and the metrics.
 * Nothing here calls Proxmox; a reader that finds no snapshot has to wait for the cluster controller.
 */
@ApplicationScoped
public class SnapshotStore {

    private final Map<ClusterKey, ClusterSnapshot> latest = new ConcurrentHashMap<>();
    private final List<SnapshotListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<ClusterKey>> refreshListeners = new CopyOnWriteArrayList<>();

    /** Stores the snapshot as the cluster's latest and tells every listener, in the caller's thread. */
    public void publish(ClusterSnapshot snapshot) {
        latest.put(snapshot.cluster(), snapshot);
        for (SnapshotListener listener : listeners) {
            listener.published(snapshot);
        }
    }

    public Optional<ClusterSnapshot> latest(ClusterKey cluster) {
        return Optional.ofNullable(latest.get(cluster));
    }

    /** Forgets a deleted cluster, so that nothing keeps acting on what it last looked like. */
    public void remove(ClusterKey cluster) {
        if (latest.remove(cluster) != null) {
            for (SnapshotListener listener : listeners) {
                listener.removed(cluster);
            }
        }
    }

    /**
     * Something was just written to the cluster (a child created a VM, started a task): the cluster controller should
     * take the next snapshot now instead of at its calm interval, so that the writer, which waits for the snapshot to
     * show what it did, goes on within seconds. Tells the refresh listeners (the cluster controller's event source).
     */
    public void requestRefresh(ClusterKey cluster) {
        for (Consumer<ClusterKey> listener : refreshListeners) {
            listener.accept(cluster);
        }
    }

    public void addRefreshListener(Consumer<ClusterKey> listener) {
        refreshListeners.add(listener);
    }

    public void removeRefreshListener(Consumer<ClusterKey> listener) {
        refreshListeners.remove(listener);
    }

    public void addListener(SnapshotListener listener) {
        listeners.add(listener);
    }

    public void removeListener(SnapshotListener listener) {
        listeners.remove(listener);
    }
}
