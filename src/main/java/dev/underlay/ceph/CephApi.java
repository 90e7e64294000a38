package dev.underlay.ceph;

import dev.underlay.ceph.model.CephHealth;
import dev.underlay.ceph.model.CephOperation;
import dev.underlay.ceph.model.CrushRule;
import dev.underlay.ceph.model.OsdTree;
import dev.underlay.ceph.model.Pool;
import dev.underlay.ceph.model.PoolChange;
import dev.underlay.ceph.model.PoolRequest;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every Ceph call the Underlay controllers make, typed, whatever sits behind it: Proxmox VE's Ceph endpoints
 * ({@code pve.ProxmoxCephApi}) or the Ceph manager's Dashboard REST API ({@code dashboard.DashboardCephApi}). One
 * instance talks to one cluster and is thread-safe.
 *
 * <p>Mutations check first and act second, because the backends disagree on the edge cases (the Dashboard answers
 * 201 to a duplicate create and 204 to deleting a missing pool): creating an existing pool is a
 * {@link CephConflictException}, changing or deleting a missing one a {@link CephNotFoundException}, on both.
 */
public interface CephApi extends AutoCloseable {

    /** All pools with their usage. */
    List<Pool> pools() throws CephApiException;

    /** One pool with its usage; empty when there is no such pool. */
    Optional<Pool> pool(String name) throws CephApiException;

    CephOperation createPool(PoolRequest request) throws CephApiException;

    /** Applies every non-null field of {@code change}; an empty change does nothing. */
    CephOperation updatePool(String name, PoolChange change) throws CephApiException;

    /** Deletes the pool and its data; callers check {@code usage().holdsData()} first. */
    CephOperation deletePool(String name) throws CephApiException;

    /**
     * True once {@code operation} has finished successfully, false while it runs; throws the mapped exception when it
     * failed.
     */
    boolean isFinished(CephOperation operation) throws CephApiException;

    CephHealth health() throws CephApiException;

    List<CrushRule> crushRules() throws CephApiException;

    OsdTree osdTree() throws CephApiException;

    /** The cluster-wide OSD map flags that are set ({@code noout}, {@code noscrub}, ...). */
    Set<String> osdFlags() throws CephApiException;

    /** Sets or clears {@code noout}, which keeps Ceph from rebalancing while a node is down for maintenance. */
    void setNoout(boolean on) throws CephApiException;

    /** Releases connections; the default does nothing. */
    @Override
    default void close() {}
}
