package dev.underlay.proxmox.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The cluster-wide OSD flags PVE can set ({@code /cluster/ceph/flags}); {@link #NOOUT} is used for maintenance. */
public enum CephFlag {
    NOBACKFILL,
    NODEEP_SCRUB,
    NODOWN,
    NOIN,
    NOOUT,
    NOREBALANCE,
    NORECOVER,
    NOSCRUB,
    NOTIERAGENT,
    NOUP,
    PAUSE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<CephFlag> fromWire(String text) {
        return Arrays.stream(values()).filter(f -> f.wire().equals(text)).findFirst();
    }
}
