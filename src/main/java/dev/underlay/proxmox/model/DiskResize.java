package dev.underlay.proxmox.model;

/**
 * {@code PUT /nodes/{node}/qemu/{vmid}/resize}. PVE only grows disks: {@code +32G} adds to the size, {@code 64G}
 * sets an absolute size that must be larger than the current one.
 */
public record DiskResize(String disk, String size, String digest) {

    public DiskResize {
        if (!DiskDevice.isDiskSlot(disk) || disk.startsWith("efidisk") || disk.startsWith("tpmstate")) {
            throw new IllegalArgumentException("cannot resize slot " + disk);
        }
        if (size == null || !size.matches("\\+?\\d+(\\.\\d+)?[KMGT]?")) {
            throw new IllegalArgumentException("not a resize size: " + size);
        }
    }

    public static DiskResize growBy(String disk, DiskSize delta) {
        return new DiskResize(disk, "+" + delta, null);
    }

    public static DiskResize growTo(String disk, DiskSize newSize, String digest) {
        return new DiskResize(disk, newSize.toString(), digest);
    }
}
