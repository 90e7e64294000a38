package dev.underlay.controller.backuppolicy;

import dev.underlay.observe.ClusterKey;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * At most one restore test per ProxmoxCluster in this process: policies of one cluster reconcile in parallel, and two
 * scratch VMs restoring at once would double the load a test puts on the cluster. Only the leader reconciles, so
 * in-process is enough; after a restart the test recorded in status claims it again, and the scratch VM's marker
 * tells a policy that another one's test is under way.
 */
@ApplicationScoped
class RestoreTestGuard {

    private final ConcurrentMap<ClusterKey, String> holders = new ConcurrentHashMap<>();

    /** True when the cluster was free or already {@code holder}'s. */
    boolean tryAcquire(ClusterKey cluster, String holder) {
        return holder.equals(holders.putIfAbsent(cluster, holder)) || holder.equals(holders.get(cluster));
    }

    /** A test recorded in status holds the cluster whatever this process remembers (it may have restarted). */
    void claim(ClusterKey cluster, String holder) {
        holders.put(cluster, holder);
    }

    boolean heldByOther(ClusterKey cluster, String holder) {
        String current = holders.get(cluster);
        return current != null && !current.equals(holder);
    }

    void release(ClusterKey cluster, String holder) {
        holders.remove(cluster, holder);
    }

    /** Test hook: what an operator restart does to this state. */
    void forgetAll() {
        holders.clear();
    }
}
