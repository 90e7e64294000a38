package dev.underlay.simulator.pve.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Knowledge about qemu-server drive keys and their property strings. */
final class Disks {

    static final Pattern DISK_KEY = Pattern.compile("(ide|sata|scsi|virtio)\\d+|efidisk0|tpmstate0|unused\\d+");
    static final Pattern NET_KEY = Pattern.compile("net\\d+");

    private Disks() {}

    static boolean isDiskKey(String key) {
        return DISK_KEY.matcher(key).matches();
    }

    static boolean isResizable(String key) {
        return isDiskKey(key) && !key.startsWith("unused");
    }

    /** Splits {@code file,key=value,...}; the first element without '=' is the file (default key). */
    static Map<String, String> parse(String value) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : value.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                out.put("file", part);
            } else {
                out.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return out;
    }

    /** {@code file} first, then the other keys sorted, as qemu-server prints drives. */
    static String print(Map<String, String> drive) {
        StringBuilder sb = new StringBuilder(drive.getOrDefault("file", "none"));
        drive.entrySet().stream()
                .filter(e -> !e.getKey().equals("file"))
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> sb.append(',').append(e.getKey()).append('=').append(e.getValue()));
        return sb.toString();
    }

    static boolean isCdrom(Map<String, String> drive) {
        return "cdrom".equals(drive.get("media"));
    }

    /** Bytes from a PVE size ({@code 32G}, {@code 512M}, {@code 4M}, plain number = bytes? no: GiB for allocation). */
    static long parseSize(String size) {
        char unit = size.charAt(size.length() - 1);
        double n;
        long mult;
        if (Character.isDigit(unit)) {
            n = Double.parseDouble(size);
            mult = 1;
        } else {
            n = Double.parseDouble(size.substring(0, size.length() - 1));
            mult = switch (unit) {
                case 'K' -> 1L << 10;
                case 'M' -> 1L << 20;
                case 'G' -> 1L << 30;
                case 'T' -> 1L << 40;
                default -> 1;
            };
        }
        return (long) (n * mult);
    }

    /** The shortest exact PVE notation: {@code 32G}, {@code 4M}, {@code 1536M}. */
    static String formatSize(long bytes) {
        if (bytes % (1L << 40) == 0 && bytes > 0) {
            return (bytes >> 40) + "T";
        }
        if (bytes % (1L << 30) == 0 && bytes > 0) {
            return (bytes >> 30) + "G";
        }
        if (bytes % (1L << 20) == 0 && bytes > 0) {
            return (bytes >> 20) + "M";
        }
        if (bytes % (1L << 10) == 0 && bytes > 0) {
            return (bytes >> 10) + "K";
        }
        return Long.toString(bytes);
    }
}
