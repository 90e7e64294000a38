package dev.underlay.proxmox.model;

/** A node row of {@code /cluster/resources}; offline nodes carry no cpu/mem/uptime (null here). */
public record NodeResource(
        String id,
        String node,
        String status,
        Double cpu,
        Double maxCpu,
        Long mem,
        Long maxMem,
        Long disk,
        Long maxDisk,
        Long uptime,
        String level,
        Integer cgroupMode)
        implements ClusterResource {

    public boolean isOnline() {
        return "online".equals(status);
    }
}
