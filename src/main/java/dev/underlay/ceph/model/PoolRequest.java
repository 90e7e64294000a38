package dev.underlay.ceph.model;

/**
 * A replicated pool to create. Null fields take the cluster's defaults; {@link PoolNames} checks the name.
 *
 * @param application one application to enable ({@code rbd}, {@code cephfs}, {@code rgw}); null for none
 */
public record PoolRequest(
        String name,
        Integer size,
        Integer minSize,
        int pgNum,
        PgAutoscaleMode pgAutoscaleMode,
        Double targetSizeRatio,
        String application,
        String crushRule) {

    public static PoolRequest replicated(String name, int size, int minSize, int pgNum, String application) {
        return new PoolRequest(name, size, minSize, pgNum, PgAutoscaleMode.OFF, null, application, null);
    }
}
