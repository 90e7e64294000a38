package dev.underlay.ceph.model;

/**
 * What a pool holds, as {@code ceph df} reports it.
 *
 * @param bytesUsed     raw bytes used, all replicas counted
 * @param stored        bytes stored by clients (one replica)
 * @param maxAvailBytes what clients could still write into this pool
 * @param percentUsed   as Ceph reports it: despite the name a fraction 0..1 (ceph df prints it times 100)
 */
public record PoolUsage(long bytesUsed, long stored, long maxAvailBytes, double percentUsed, long objects) {

    /** True when the pool holds anything (the operator refuses to delete it then). */
    public boolean holdsData() {
        return objects > 0 || stored > 0;
    }
}
