package dev.underlay.ceph.model;

import java.util.List;
import java.util.Optional;

/**
 * One pool: its settings and, when the backend reports it, its usage.
 *
 * @param pgNumTarget     the pg_num Ceph is moving towards (differs from {@code pgNum} while PGs split or merge)
 * @param crushRule       the CRUSH rule's name
 * @param applications    enabled applications ({@code rbd}, {@code cephfs}, {@code rgw}, ...)
 * @param targetSizeRatio autoscaler hint, null when unset
 */
public record Pool(
        String name,
        int id,
        int size,
        int minSize,
        int pgNum,
        int pgNumTarget,
        PgAutoscaleMode pgAutoscaleMode,
        Double targetSizeRatio,
        String crushRule,
        List<String> applications,
        PoolUsage usage) {

    public Pool {
        applications = applications == null ? List.of() : List.copyOf(applications);
    }

    public Optional<PoolUsage> usageOpt() {
        return Optional.ofNullable(usage);
    }
}
