package dev.underlay.ceph.model;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cluster health and the counts the operator reads before it disturbs anything.
 *
 * @param status     {@code HEALTH_OK}, {@code HEALTH_WARN} or {@code HEALTH_ERR}
 * @param checks     active health checks by code ({@code OSDMAP_FLAGS}, {@code POOL_PG_NUM_NOT_POWER_OF_TWO}, ...)
 * @param pgsByState placement group count per state ({@code active+clean})
 */
public record CephHealth(
        String status,
        Map<String, HealthCheck> checks,
        int numOsds,
        int numUpOsds,
        int numInOsds,
        List<String> quorumNames,
        long bytesTotal,
        long bytesAvail,
        Map<String, Integer> pgsByState) {

    public CephHealth {
        checks = Map.copyOf(new TreeMap<>(checks));
        quorumNames = List.copyOf(quorumNames);
        pgsByState = Map.copyOf(new TreeMap<>(pgsByState));
    }

    /** One active health check; {@code summary} is Ceph's one-line message. */
    public record HealthCheck(String severity, String summary, boolean muted) {}

    public boolean isOk() {
        return "HEALTH_OK".equals(status);
    }

    public boolean allPgsActiveClean() {
        int total = pgsByState.values().stream().mapToInt(Integer::intValue).sum();
        return total > 0 && total == pgsByState.getOrDefault("active+clean", 0);
    }
}
