package dev.underlay.proxmox.model;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * VM config options as PVE receives them: option name to wire string ({@code cores=4}, {@code net0=virtio,...},
 * booleans as {@code 1}/{@code 0}). Used by {@link CreateVmRequest} and {@link VmConfigChange}; the typed setters
 * make sure property strings are written canonically.
 */
public record VmOptions(Map<String, String> values) {

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_-]*");

    public VmOptions {
        values = ModelLists.sortedCopy(values);
        values.keySet().forEach(VmOptions::checkKey);
    }

    public static VmOptions empty() {
        return new VmOptions(Map.of());
    }

    public static Builder builder() {
        return new Builder();
    }

    static String checkKey(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("not a VM option name: " + key);
        }
        if (key.equals("digest")
                || key.equals("delete")
                || key.equals("revert")
                || key.equals("vmid")
                || key.equals("node")) {
            throw new IllegalArgumentException("'" + key + "' is a request parameter, not a VM option");
        }
        return key;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The cloud-init password is the one VM option that is a secret; it never shows in logs. */
    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>(values);
        shown.computeIfPresent("cipassword", (k, v) -> "***");
        return "VmOptions" + shown;
    }

    /** Mutable builder; every setter returns {@code this}. */
    public static class Builder {
        private final Map<String, String> values = new TreeMap<>();

        public Builder set(String key, String value) {
            values.put(checkKey(key), value);
            return this;
        }

        public Builder set(String key, long value) {
            return set(key, Long.toString(value));
        }

        /** Booleans travel as {@code 1}/{@code 0}; PVE rejects {@code true}/{@code false} in forms. */
        public Builder set(String key, boolean value) {
            return set(key, value ? "1" : "0");
        }

        public Builder name(String name) {
            return set("name", name);
        }

        public Builder description(String description) {
            return set("description", description);
        }

        public Builder cores(int cores) {
            return set("cores", cores);
        }

        public Builder sockets(int sockets) {
            return set("sockets", sockets);
        }

        public Builder cpu(String cpuType) {
            return set("cpu", cpuType);
        }

        public Builder memory(MemoryConfig memory) {
            return set("memory", memory.toString());
        }

        public Builder memoryMiB(long mib) {
            return memory(new MemoryConfig(mib));
        }

        public Builder balloon(long mib) {
            return set("balloon", mib);
        }

        public Builder onboot(boolean onboot) {
            return set("onboot", onboot);
        }

        public Builder agent(boolean enabled) {
            return set("agent", enabled ? "enabled=1" : "enabled=0");
        }

        public Builder ostype(String ostype) {
            return set("ostype", ostype);
        }

        public Builder scsihw(String controller) {
            return set("scsihw", controller);
        }

        public Builder bios(String bios) {
            return set("bios", bios);
        }

        public Builder machine(String machine) {
            return set("machine", machine);
        }

        public Builder boot(String boot) {
            return set("boot", boot);
        }

        /** Tags are written {@code ;}-separated, as PVE stores them. */
        public Builder tags(List<String> tags) {
            return set("tags", ModelLists.join(tags, ";"));
        }

        public Builder disk(String slot, DiskDevice disk) {
            if (!DiskDevice.isDiskSlot(slot)) {
                throw new IllegalArgumentException("not a disk slot: " + slot);
            }
            return set(slot, disk.toString());
        }

        public Builder net(int index, NetDevice nic) {
            return set("net" + index, nic.toString());
        }

        public Builder ipConfig(int index, String ipConfig) {
            return set("ipconfig" + index, ipConfig);
        }

        public Builder putAll(VmOptions other) {
            values.putAll(other.values());
            return this;
        }

        public VmOptions build() {
            return new VmOptions(values);
        }
    }
}
