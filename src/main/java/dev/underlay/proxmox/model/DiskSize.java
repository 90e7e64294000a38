package dev.underlay.proxmox.model;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * A size as PVE writes it in disk property strings ({@code size=32G}, {@code 4M}, {@code 528K}, plain bytes).
 * {@link #toString()} uses the largest unit that divides the size exactly, which is PVE's own rule.
 */
public record DiskSize(long bytes) implements Comparable<DiskSize> {

    private static final long KIB = 1024L;

    public DiskSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative size");
        }
    }

    public static DiskSize ofGiB(long gib) {
        return new DiskSize(gib * KIB * KIB * KIB);
    }

    public static DiskSize ofMiB(long mib) {
        return new DiskSize(mib * KIB * KIB);
    }

    /** Parses {@code 32G}, {@code 1.5T}, {@code 4M}, {@code 512K}, {@code 1024} (bytes); case-insensitive unit. */
    public static DiskSize parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        long factor = 1;
        char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
        switch (last) {
            case 'K':
                factor = KIB;
                break;
            case 'M':
                factor = KIB * KIB;
                break;
            case 'G':
                factor = KIB * KIB * KIB;
                break;
            case 'T':
                factor = KIB * KIB * KIB * KIB;
                break;
            default:
                break;
        }
        String number = factor == 1 ? t : t.substring(0, t.length() - 1);
        if (number.isEmpty()) {
            throw new IllegalArgumentException("not a size: " + text);
        }
        return new DiskSize(
                new BigDecimal(number).multiply(BigDecimal.valueOf(factor)).longValueExact());
    }

    public double gib() {
        return bytes / (double) (KIB * KIB * KIB);
    }

    @Override
    public int compareTo(DiskSize other) {
        return Long.compare(bytes, other.bytes);
    }

    @Override
    public String toString() {
        String[] units = {"K", "M", "G", "T"};
        long value = bytes;
        String unit = "";
        for (String u : units) {
            if (value == 0 || value % KIB != 0) {
                break;
            }
            value /= KIB;
            unit = u;
        }
        return value + unit;
    }
}
