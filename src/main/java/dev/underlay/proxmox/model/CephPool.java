package dev.underlay.proxmox.model;

import java.util.List;

/**
 * A row of {@code GET /nodes/{node}/ceph/pool}. {@code pool} and {@code crush_rule} arrive as strings,
 * {@code target_size*}/{@code pg_num_min} as explicit nulls; all read leniently.
 *
 * @param applications keys of {@code application_metadata} ({@code rbd}, {@code cephfs}, {@code rgw})
 */
public record CephPool(
        String name,
        Integer id,
        String type,
        Integer size,
        Integer minSize,
        Integer pgNum,
        Integer pgNumFinal,
        Integer pgNumMin,
        String pgAutoscaleMode,
        Integer crushRule,
        String crushRuleName,
        Long bytesUsed,
        Double percentUsed,
        Long targetSize,
        Double targetSizeRatio,
        List<String> applications) {

    public CephPool {
        applications = ModelLists.copy(applications);
    }
}
