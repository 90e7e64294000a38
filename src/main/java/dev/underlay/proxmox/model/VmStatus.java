package dev.underlay.proxmox.model;

import java.util.List;

/**
 * {@code GET /nodes/{node}/qemu/{vmid}/status/current}. Fields like {@code pid}, {@code qmpStatus},
 * {@code runningMachine} exist only while running; {@code qmpStatus} may disagree with {@code status}
 * ("prelaunch", "paused").
 *
 * @param haManaged from the {@code ha} object ({@code managed: 0|1})
 * @param haState   the HA state when managed ({@code started}, {@code stopped}, ...)
 */
public record VmStatus(
        int vmid,
        String name,
        String status,
        String qmpStatus,
        Long pid,
        Long uptime,
        Double cpu,
        Double cpus,
        Long mem,
        Long maxMem,
        Long maxDisk,
        boolean agent,
        String lock,
        List<String> tags,
        boolean template,
        boolean haManaged,
        String haState,
        String runningMachine,
        String runningQemu) {

    public VmStatus {
        tags = ModelLists.copy(tags);
    }

    public boolean isRunning() {
        return "running".equals(status);
    }
}
