package dev.underlay.simulator.pve;

import java.util.Locale;

/**
 * A Proxmox VE release the simulator can impersonate. Each one brings its own official
 * schema subset (validation), its own {@code /version} answer and its own quirks (error
 * bodies with {@code message}, HA groups versus rules).
 */
public enum PveVersion {
    PVE_8_4("8.4.2", "8.4", "fa0b4f6fe1b2c3d4", "pve-8.4.2-schema.json", "9.2.0"),
    PVE_9_1("9.1.3", "9.1", "5ac30304265fbd8e", "pve-9.1.3-schema.json", "10.1.2");

    private final String version;
    private final String release;
    private final String repoid;
    private final String schemaResource;
    private final String qemuVersion;

    PveVersion(String version, String release, String repoid, String schemaResource, String qemuVersion) {
        this.version = version;
        this.release = release;
        this.repoid = repoid;
        this.schemaResource = schemaResource;
        this.qemuVersion = qemuVersion;
    }

    public String version() {
        return version;
    }

    public String release() {
        return release;
    }

    public String repoid() {
        return repoid;
    }

    public String schemaResource() {
        return "/pve-api/" + schemaResource;
    }

    /** The QEMU this release ships: new guests record it in {@code meta}, running ones report it. */
    public String qemuVersion() {
        return qemuVersion;
    }

    public boolean atLeast9() {
        return this == PVE_9_1;
    }

    /** Accepts "8", "8.4", "8.4.2", "9", "9.1", "9.1.3" (what a person types on a command line). */
    public static PveVersion parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("8")) {
            return PVE_8_4;
        }
        if (t.startsWith("9")) {
            return PVE_9_1;
        }
        throw new IllegalArgumentException("unsupported PVE version '" + text + "' (use 8.4 or 9.1)");
    }
}
