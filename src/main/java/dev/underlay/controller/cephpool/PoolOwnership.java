package dev.underlay.controller.cephpool;

/** Whether this CephPool may change the Ceph pool of its name (see package-info for how it is recorded). */
public enum PoolOwnership {
    /** The CephPool carries this operator's claim for the pool: created it, or adopted it. */
    OWNED,
    /** No claim: a pool of that name is someone else's until {@code spec.adopt} takes it over. */
    UNCLAIMED
}
