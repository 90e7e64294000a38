package dev.underlay.simulator.pve.model;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A QEMU guest: where it lives, its config (as PVE stores it, one string per key), pending
 * changes that wait for the next start, run state and the config lock.
 */
public final class Vm {
    public final int vmid;
    public String node;
    public final VmConfig config = new VmConfig();
    /** Changes made while running that only apply at the next start (key to new value). */
    public final Map<String, String> pending = new LinkedHashMap<>();

    public final Set<String> pendingDelete = new LinkedHashSet<>();
    public boolean running;
    /** Suspended (paused) while running: status stays running, qmpstatus says paused. */
    public boolean paused;

    public Instant startedAt;
    public int pid;
    public String lock;
    /** When the guest agent inside starts answering (null: the VM is not running). */
    public Instant agentReadyAt;

    public Vm(int vmid, String node) {
        this.vmid = vmid;
        this.node = node;
    }

    public String name() {
        return config.getOrDefault("name", "VM " + vmid);
    }

    public boolean template() {
        return "1".equals(config.get("template"));
    }

    public boolean agentEnabled() {
        String agent = config.get("agent");
        if (agent == null) {
            return false;
        }
        for (String part : agent.split(",")) {
            if (part.equals("1") || part.equals("enabled=1")) {
                return true;
            }
        }
        return false;
    }

    /** Memory in MiB from the {@code [current=]<n>} property string (PVE default 512). */
    public long memoryMiB() {
        String mem = config.get("memory");
        if (mem == null) {
            return 512;
        }
        for (String part : mem.split(",")) {
            String v = part.startsWith("current=") ? part.substring("current=".length()) : part;
            if (v.matches("\\d+")) {
                return Long.parseLong(v);
            }
        }
        return 512;
    }

    public int cpus() {
        int cores = Integer.parseInt(config.getOrDefault("cores", "1"));
        int sockets = Integer.parseInt(config.getOrDefault("sockets", "1"));
        return cores * sockets;
    }
}
