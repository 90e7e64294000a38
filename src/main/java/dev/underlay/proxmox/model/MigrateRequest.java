package dev.underlay.proxmox.model;

/**
 * {@code POST /nodes/{node}/qemu/{vmid}/migrate}. {@code withConntrackState} exists from PVE 9.0 on; the client
 * refuses it on older versions. {@code force} is root-only and therefore not offered.
 */
public record MigrateRequest(
        String target,
        Boolean online,
        Boolean withLocalDisks,
        String targetStorage,
        Integer bwlimitKiBs,
        String migrationNetwork,
        String migrationType,
        Boolean withConntrackState) {

    public MigrateRequest {
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("migration needs a target node");
        }
    }

    public static MigrateRequest online(String target) {
        return new MigrateRequest(target, true, null, null, null, null, null, null);
    }

    public static MigrateRequest offline(String target) {
        return new MigrateRequest(target, null, null, null, null, null, null, null);
    }
}
