package dev.underlay.proxmox.model;

import java.util.List;
import java.util.Optional;

/**
 * {@code GET /nodes/{node}/status}. {@code pveVersion} is the raw {@code pve-manager/9.1.4/<repoid>} string;
 * {@code loadAverage} arrives as strings and is converted here.
 */
public record NodeStatus(
        String pveVersion,
        Double cpu,
        List<Double> loadAverage,
        Long memoryTotal,
        Long memoryUsed,
        Long memoryFree,
        Long rootfsTotal,
        Long rootfsUsed,
        Long uptime,
        Integer cpus,
        Integer cores,
        Integer sockets,
        String cpuModel,
        String kernelRelease,
        String bootMode) {

    public NodeStatus {
        loadAverage = ModelLists.copy(loadAverage);
    }

    public Optional<PveVersion> version() {
        try {
            return pveVersion == null ? Optional.empty() : Optional.of(PveVersion.parse(pveVersion));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
