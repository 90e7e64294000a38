package dev.underlay.proxmox.model;

/**
 * An OSD leaf of the {@code GET /nodes/{node}/ceph/osd} tree, flattened with its host. Ids arrive as strings.
 *
 * @param status {@code up} or {@code down}
 */
public record CephOsd(
        int id,
        String name,
        String host,
        String status,
        boolean in,
        String deviceClass,
        Double crushWeight,
        Double reweight,
        Double percentUsed,
        Long totalSpace,
        Long bytesUsed,
        String osdType,
        String version) {

    public boolean isUp() {
        return "up".equals(status);
    }
}
