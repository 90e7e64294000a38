package dev.underlay.simulator.pve.model;

import java.time.Instant;

/** A cluster node: hardware sizes, corosync identity, and whether it is reachable. */
public final class Node {
    public final String name;
    public final int nodeId;
    public final String ip;
    public final int maxCpu;
    public final long maxMem;
    public final long maxDisk;
    public final String cpuModel;
    public int votes = 1;
    public boolean online = true;
    public boolean maintenance;
    /** pve-manager version of this node when it differs from the cluster's (a mixed cluster mid-upgrade). */
    public String pveVersion;

    public Instant bootedAt;

    public Node(
            String name,
            int nodeId,
            String ip,
            int maxCpu,
            long maxMem,
            long maxDisk,
            String cpuModel,
            Instant bootedAt) {
        this.name = name;
        this.nodeId = nodeId;
        this.ip = ip;
        this.maxCpu = maxCpu;
        this.maxMem = maxMem;
        this.maxDisk = maxDisk;
        this.cpuModel = cpuModel;
        this.bootedAt = bootedAt;
    }
}
