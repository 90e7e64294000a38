package dev.underlay.proxmox.model;

import java.util.List;

/**
 * A guest row of {@code /cluster/resources} ({@code type} qemu or lxc). {@code lock}, {@code hastate},
 * {@code tags} and {@code pool} exist only when set; metrics are 0 for stopped guests and absent for guests on
 * offline nodes (then {@code status} is {@code unknown}).
 */
public record VmResource(
        String id,
        String type,
        int vmid,
        String node,
        String name,
        String status,
        boolean template,
        String lock,
        String haState,
        List<String> tags,
        String pool,
        Double cpu,
        Double maxCpu,
        Long mem,
        Long maxMem,
        Long disk,
        Long maxDisk,
        Long uptime,
        Long netIn,
        Long netOut,
        Long diskRead,
        Long diskWrite)
        implements ClusterResource {

    public VmResource {
        tags = ModelLists.copy(tags);
    }

    public boolean isQemu() {
        return "qemu".equals(type);
    }

    public boolean isRunning() {
        return "running".equals(status);
    }
}
