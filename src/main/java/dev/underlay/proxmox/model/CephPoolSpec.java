package dev.underlay.proxmox.model;

/**
 * {@code POST /nodes/{node}/ceph/pool}. Null fields take PVE's defaults (size 3, min_size 2, pg_num 128,
 * autoscale warn, application rbd). {@code addStorages} registers a PVE storage for the pool at once.
 */
public record CephPoolSpec(
        String name,
        Integer size,
        Integer minSize,
        Integer pgNum,
        Integer pgNumMin,
        String pgAutoscaleMode,
        String application,
        String crushRule,
        String targetSize,
        Double targetSizeRatio,
        Boolean addStorages) {

    public CephPoolSpec {
        if (name == null || !name.matches("[^:/\\s]+")) {
            throw new IllegalArgumentException("not a pool name: " + name);
        }
    }

    public static CephPoolSpec replicated(String name, int size, int minSize) {
        return new CephPoolSpec(name, size, minSize, null, null, "on", "rbd", null, null, null, false);
    }
}
