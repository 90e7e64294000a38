package dev.underlay.proxmox.model;

/** {@code PUT /nodes/{node}/ceph/pool/{name}}: settings to change; null fields are left alone. */
public record CephPoolChange(
        Integer size,
        Integer minSize,
        Integer pgNum,
        Integer pgNumMin,
        String pgAutoscaleMode,
        String application,
        String crushRule,
        String targetSize,
        Double targetSizeRatio) {

    public boolean isEmpty() {
        return size == null
                && minSize == null
                && pgNum == null
                && pgNumMin == null
                && pgAutoscaleMode == null
                && application == null
                && crushRule == null
                && targetSize == null
                && targetSizeRatio == null;
    }
}
