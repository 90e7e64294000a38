package dev.underlay.proxmox.model;

/**
 * Filters for {@code GET /nodes/{node}/tasks}; null fields are not sent.
 *
 * @param source {@code archive} (PVE default), {@code active} or {@code all}
 */
public record TaskQuery(Integer vmid, String typeFilter, Integer limit, Long since, String source, Boolean errorsOnly) {

    public static TaskQuery all() {
        return new TaskQuery(null, null, null, null, "all", null);
    }

    public static TaskQuery forVm(int vmid) {
        return new TaskQuery(vmid, null, null, null, "all", null);
    }
}
