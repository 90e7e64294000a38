package dev.underlay.controller.support.ha;

/** How the cluster expresses HA placement; the name is what {@code status.haMode} shows. */
public enum HaMode {
    /** HA groups: PVE 8, and PVE 9 before its groups are migrated. */
    Groups,
    /** Node-affinity HA rules: PVE 9 after the migration. */
    Rules,
    /** Not determined, or neither API is reliable (a cluster mid-upgrade with PVE 8 and 9 nodes). */
    Unknown;

    /** What the per-group status calls an object of this mode. */
    public String kind() {
        return this == Groups ? "Group" : this == Rules ? "Rule" : null;
    }
}
