package dev.underlay.proxmox.model;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A disk slot property string ({@code scsi0}, {@code virtio0}, {@code sata1}, {@code ide2}, {@code efidisk0}, ...)
 * such as {@code ceph-pool:vm-555-disk-0,discard=on,size=50G,ssd=1}.
 *
 * <p>{@code volume} is the default key ({@code file}): an allocated volume id {@code storage:name}, the allocation
 * syntax {@code storage:SIZE_IN_GiB} for a new disk, {@code none} for an empty CD drive, or a path.
 * {@link #toString()} is canonical: volume first, other options alphabetically.
 */
public record DiskDevice(String volume, Map<String, String> options) {

    /** Slot names that hold disks: {@code ide0-3}, {@code sata0-5}, {@code scsi0-30}, {@code virtio0-15}, EFI, TPM. */
    public static final Pattern SLOT = Pattern.compile("(ide|sata|scsi|virtio)\\d+|efidisk0|tpmstate0");

    public DiskDevice {
        if (volume == null || volume.isBlank()) {
            throw new IllegalArgumentException("a disk needs a volume");
        }
        options = PropertyString.immutableSorted(options);
    }

    public static DiskDevice parse(String text) {
        Map<String, String> parts = PropertyString.parse(text, "file");
        String volume = parts.remove("file");
        if (volume == null) {
            volume = parts.remove("volume");
        }
        return new DiskDevice(volume, parts);
    }

    /** A new volume for PVE to allocate: {@code storage:SIZE_IN_GiB} plus options. */
    public static DiskDevice allocate(String storage, long sizeGiB, Map<String, String> options) {
        return new DiskDevice(storage + ":" + sizeGiB, options);
    }

    public static boolean isDiskSlot(String key) {
        return SLOT.matcher(key).matches();
    }

    /** The storage id of {@code storage:volume}; empty for paths and {@code none}. */
    public Optional<String> storage() {
        int colon = volume.indexOf(':');
        return colon <= 0 ? Optional.empty() : Optional.of(volume.substring(0, colon));
    }

    /** The part after {@code storage:}; for the allocation syntax this is the size in GiB. */
    public Optional<String> volumeName() {
        int colon = volume.indexOf(':');
        return colon <= 0 ? Optional.empty() : Optional.of(volume.substring(colon + 1));
    }

    public Optional<DiskSize> size() {
        return Optional.ofNullable(options.get("size")).map(DiskSize::parse);
    }

    public boolean isCdrom() {
        return "cdrom".equals(options.get("media"));
    }

    public boolean isCloudInit() {
        return volume.contains("cloudinit");
    }

    public DiskDevice withOption(String key, String value) {
        Map<String, String> copy = new TreeMap<>(options);
        if (value == null) {
            copy.remove(key);
        } else {
            copy.put(key, value);
        }
        return new DiskDevice(volume, copy);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(volume);
        options.forEach((k, v) -> out.append(',').append(k).append('=').append(v));
        return out.toString();
    }
}
