package dev.underlay.proxmox.model;

import java.util.List;

/** A guest of {@code GET /cluster/backup/{id}/included_volumes} with its volumes and whether each is backed up. */
public record IncludedGuest(int vmid, String name, String type, List<Volume> volumes) {

    public IncludedGuest {
        volumes = ModelLists.copy(volumes);
    }

    public record Volume(String id, String name, boolean included, String reason) {}
}
