package dev.underlay.proxmox.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code GET /nodes/{node}/qemu/{vmid}/config}: every option as the string PVE sent (numbers and booleans
 * normalised to their text), plus the {@code digest} to send back with the next write.
 *
 * <p>The typed accessors cover the options the operator reasons about; {@link #rest()} holds everything else.
 * Property strings are parsed on access, so an option this client does not understand never breaks reading.
 */
public record VmConfig(String digest, Map<String, String> values) {

    private static final Pattern NET = Pattern.compile("net\\d+");
    private static final Pattern IPCONFIG = Pattern.compile("ipconfig\\d+");
    private static final Set<String> TYPED = Set.of(
            "name",
            "description",
            "tags",
            "cores",
            "sockets",
            "memory",
            "balloon",
            "cpu",
            "cpulimit",
            "onboot",
            "agent",
            "boot",
            "ostype",
            "machine",
            "bios",
            "scsihw",
            "template",
            "lock",
            "protection",
            "startup",
            "vmgenid",
            "smbios1",
            "meta");

    public VmConfig {
        values = ModelLists.sortedCopy(values);
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public Optional<String> name() {
        return get("name");
    }

    public Optional<String> description() {
        return get("description");
    }

    /** Tags in config order ({@code ;}-separated on the wire). */
    public List<String> tags() {
        return ModelLists.split(values.get("tags"));
    }

    public OptionalInt cores() {
        return intValue("cores");
    }

    public OptionalInt sockets() {
        return intValue("sockets");
    }

    public Optional<MemoryConfig> memory() {
        return get("memory").map(MemoryConfig::parse);
    }

    public OptionalLong balloon() {
        return get("balloon").map(v -> OptionalLong.of(Long.parseLong(v))).orElse(OptionalLong.empty());
    }

    public Optional<String> cpu() {
        return get("cpu");
    }

    /** {@code cpulimit} arrives as a string ("0.4") or number; 0 means unlimited. */
    public Optional<Double> cpuLimit() {
        return get("cpulimit").map(Double::valueOf);
    }

    public boolean onboot() {
        return flag("onboot");
    }

    public boolean template() {
        return flag("template");
    }

    public boolean protection() {
        return flag("protection");
    }

    /** True when the guest agent is enabled ({@code agent: 1} or {@code enabled=1,...}). */
    public boolean agentEnabled() {
        return get("agent")
                .map(a -> Boolean.TRUE.equals(
                        PropertyString.flag(PropertyString.parse(a, "enabled").getOrDefault("enabled", "0"))))
                .orElse(false);
    }

    public Optional<String> boot() {
        return get("boot");
    }

    public Optional<String> ostype() {
        return get("ostype");
    }

    public Optional<String> machine() {
        return get("machine");
    }

    public Optional<String> bios() {
        return get("bios");
    }

    public Optional<String> scsihw() {
        return get("scsihw");
    }

    /** The config lock ({@code backup}, {@code clone}, {@code migrate}, ...) while a task holds it. */
    public Optional<String> lock() {
        return get("lock");
    }

    public Optional<String> startup() {
        return get("startup");
    }

    /** Disk slots ({@code scsi0}, {@code virtio0}, {@code ide2}, {@code efidisk0}, ...) in slot-name order. */
    public Map<String, DiskDevice> disks() {
        Map<String, DiskDevice> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (DiskDevice.isDiskSlot(k)) {
                out.put(k, DiskDevice.parse(v));
            }
        });
        return out;
    }

    public Map<String, NetDevice> nets() {
        Map<String, NetDevice> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (NET.matcher(k).matches()) {
                out.put(k, NetDevice.parse(v));
            }
        });
        return out;
    }

    public Map<String, String> ipConfigs() {
        Map<String, String> out = new TreeMap<>();
        values.forEach((k, v) -> {
            if (IPCONFIG.matcher(k).matches()) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** Options none of the typed accessors covers. */
    public Map<String, String> rest() {
        Map<String, String> out = new TreeMap<>();
        values.forEach((k, v) -> {
            if (!TYPED.contains(k)
                    && !DiskDevice.isDiskSlot(k)
                    && !NET.matcher(k).matches()
                    && !IPCONFIG.matcher(k).matches()) {
                out.put(k, v);
            }
        });
        return out;
    }

    private OptionalInt intValue(String key) {
        return get(key).map(v -> OptionalInt.of(Integer.parseInt(v.trim()))).orElse(OptionalInt.empty());
    }

    private boolean flag(String key) {
        return get(key).map(v -> Boolean.TRUE.equals(PropertyString.flag(v))).orElse(false);
    }
}
