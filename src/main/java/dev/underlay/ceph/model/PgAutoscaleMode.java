package dev.underlay.ceph.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Ceph's {@code pg_autoscale_mode} of a pool. */
public enum PgAutoscaleMode {
    ON,
    WARN,
    OFF;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<PgAutoscaleMode> fromWire(String text) {
        return Arrays.stream(values()).filter(m -> m.wire().equals(text)).findFirst();
    }
}
