package dev.underlay.ceph.model;

/**
 * Settings of an existing pool to change; null fields are left as they are. Send every change of one pool in one
 * call: the Dashboard runs an edit as a task and refuses (here: {@code CephConflictException}) a second one
 * while the first runs.
 *
 * @param application the one application the pool should have; others are disabled
 */
public record PoolChange(
        Integer size,
        Integer minSize,
        Integer pgNum,
        PgAutoscaleMode pgAutoscaleMode,
        Double targetSizeRatio,
        String application,
        String crushRule) {

    public static PoolChange pgNum(int pgNum) {
        return new PoolChange(null, null, pgNum, null, null, null, null);
    }

    public static PoolChange application(String application) {
        return new PoolChange(null, null, null, null, null, application, null);
    }

    public boolean isEmpty() {
        return size == null
                && minSize == null
                && pgNum == null
                && pgAutoscaleMode == null
                && targetSizeRatio == null
                && application == null
                && crushRule == null;
    }
}
