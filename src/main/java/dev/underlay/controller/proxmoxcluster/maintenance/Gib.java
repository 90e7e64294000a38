package dev.underlay.controller.proxmoxcluster.maintenance;

import java.util.Locale;

/** Memory sizes for messages, in GiB with at most one decimal. */
final class Gib {

    private static final double GIB = 1024.0 * 1024 * 1024;

    private Gib() {}

    static String of(long bytes) {
        double gib = bytes / GIB;
        return gib == Math.rint(gib)
                ? String.format(Locale.ROOT, "%d GiB", (long) gib)
                : String.format(Locale.ROOT, "%.1f GiB", gib);
    }
}
