package dev.underlay.proxmox.model;

/** The {@code type} filter of {@code GET /cluster/resources}. */
public enum ClusterResourceType {
    VM("vm"),
    STORAGE("storage"),
    NODE("node");

    private final String wire;

    ClusterResourceType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
