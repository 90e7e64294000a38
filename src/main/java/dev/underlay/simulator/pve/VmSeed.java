package dev.underlay.simulator.pve;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A guest to put into a simulator before it starts serving. Config values are written as a
 * client would send them ({@code vm-disks:32}, {@code virtio,bridge=vmbr0}); the simulator
 * normalises them (allocated volumes, MACs) exactly as it does for API calls.
 */
public final class VmSeed {

    final int vmid;
    final String node;
    final Map<String, String> config = new LinkedHashMap<>();
    boolean running;
    String haState;

    private VmSeed(int vmid, String node) {
        this.vmid = vmid;
        this.node = node;
    }

    public static VmSeed of(int vmid, String node) {
        return new VmSeed(vmid, node);
    }

    public VmSeed name(String name) {
        return set("name", name);
    }

    public VmSeed cores(int cores) {
        return set("cores", Integer.toString(cores));
    }

    public VmSeed memoryMiB(int mib) {
        return set("memory", Integer.toString(mib));
    }

    /** A new disk of {@code gib} GiB on {@code storage} in slot {@code key} (scsi0, virtio1 ...). */
    public VmSeed disk(String key, String storage, int gib) {
        return set(key, storage + ":" + gib);
    }

    public VmSeed net(String key, String value) {
        return set(key, value);
    }

    public VmSeed agent() {
        return set("agent", "1");
    }

    public VmSeed tags(String tags) {
        return set("tags", tags);
    }

    public VmSeed template() {
        return set("template", "1");
    }

    public VmSeed set(String key, String value) {
        config.put(key, value);
        return this;
    }

    public VmSeed running() {
        this.running = true;
        return this;
    }

    /** Makes the guest an HA resource ({@code vm:<vmid>}) with this requested state. */
    public VmSeed ha(String state) {
        this.haState = state;
        return this;
    }
}
