package dev.underlay.proxmox.model;

/** A row of {@code GET /nodes}. Offline nodes have status {@code offline} and no metrics. */
public record NodeSummary(
        String node,
        String status,
        Double cpu,
        Integer maxCpu,
        Long mem,
        Long maxMem,
        Long disk,
        Long maxDisk,
        Long uptime,
        String level,
        String sslFingerprint) {

    public boolean isOnline() {
        return "online".equals(status);
    }
}
