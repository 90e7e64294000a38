package dev.underlay.proxmox.model;

import java.util.List;

/**
 * A row of {@code GET /nodes/{node}/qemu} or {@code /nodes/{node}/lxc}. {@code vmid} is an integer for qemu but a
 * string for lxc on the wire; both read the same. {@code pid} exists only for running guests.
 */
public record GuestSummary(
        int vmid,
        String name,
        String status,
        String qmpStatus,
        String lock,
        List<String> tags,
        boolean template,
        Long pid,
        Double cpu,
        Double cpus,
        Long mem,
        Long maxMem,
        Long maxDisk,
        Long uptime) {

    public GuestSummary {
        tags = ModelLists.copy(tags);
    }

    public boolean isRunning() {
        return "running".equals(status);
    }
}
