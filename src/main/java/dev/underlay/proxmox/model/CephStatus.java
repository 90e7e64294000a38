package dev.underlay.proxmox.model;

import java.util.List;
import java.util.Map;

/**
 * The parts of {@code GET /cluster/ceph/status} (Ceph's own {@code ceph status} JSON) the operator needs: health,
 * OSD counts, monitor quorum and raw usage. Everything else in that large document is ignored.
 *
 * @param health     {@code HEALTH_OK}, {@code HEALTH_WARN} or {@code HEALTH_ERR}
 * @param checks     active health checks by name ({@code POOL_NEARFULL}, {@code OSD_DOWN}, ...)
 * @param pgsByState placement group count per state name ({@code active+clean})
 */
public record CephStatus(
        String fsid,
        String health,
        Map<String, HealthCheck> checks,
        int numOsds,
        int numUpOsds,
        int numInOsds,
        List<String> quorumNames,
        Long bytesTotal,
        Long bytesUsed,
        Long bytesAvail,
        Long dataBytes,
        Integer numPgs,
        Integer numPools,
        Map<String, Integer> pgsByState) {

    public CephStatus {
        checks = ModelLists.sortedCopy(checks);
        quorumNames = ModelLists.copy(quorumNames);
        pgsByState = ModelLists.sortedCopy(pgsByState);
    }

    public record HealthCheck(String severity, String summary, Integer count, boolean muted) {}

    public boolean isHealthOk() {
        return "HEALTH_OK".equals(health);
    }

    /** True when every placement group is {@code active+clean}. */
    public boolean allPgsActiveClean() {
        return numPgs != null && numPgs.equals(pgsByState.getOrDefault("active+clean", 0));
    }
}
