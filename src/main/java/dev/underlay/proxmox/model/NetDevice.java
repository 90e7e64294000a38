package dev.underlay.proxmox.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A {@code net[n]} property string such as {@code virtio=BC:24:11:83:B5:D8,bridge=vmbr0,firewall=1}.
 *
 * <p>PVE writes the NIC model as the key and the MAC as its value; a new NIC without MAC is just {@code virtio}
 * (PVE then generates a MAC). The long form {@code model=virtio,macaddr=...} is accepted too.
 * {@link #toString()} is canonical: {@code model[=mac]} first, other options alphabetically.
 *
 * @param model      NIC model ({@code virtio}, {@code e1000}, ...)
 * @param macAddress MAC address or null when PVE should generate one
 * @param options    all other options ({@code bridge}, {@code firewall}, {@code tag}, {@code mtu}, ...), sorted
 */
public record NetDevice(String model, String macAddress, Map<String, String> options) {

    /** NIC models of the qemu-server {@code net} format. */
    public static final Set<String> MODELS = Set.of(
            "e1000",
            "e1000-82540em",
            "e1000-82544gc",
            "e1000-82545em",
            "e1000e",
            "i82551",
            "i82557b",
            "i82559er",
            "ne2k_isa",
            "ne2k_pci",
            "pcnet",
            "rtl8139",
            "virtio",
            "vmxnet3");

    public NetDevice {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("a NIC needs a model");
        }
        options = PropertyString.immutableSorted(options);
    }

    public static NetDevice parse(String text) {
        Map<String, String> parts = new LinkedHashMap<>();
        String model = null;
        String mac = null;
        for (String part : text.split(",")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String key = eq < 0 ? part : part.substring(0, eq);
            String value = eq < 0 ? null : part.substring(eq + 1);
            if (MODELS.contains(key) && model == null) {
                model = key;
                mac = value;
            } else if (key.equals("model")) {
                model = value;
            } else if (key.equals("macaddr")) {
                mac = value;
            } else if (value == null) {
                throw new IllegalArgumentException("unexpected bare value '" + part + "' in net device");
            } else {
                parts.put(key, value);
            }
        }
        return new NetDevice(model, mac, parts);
    }

    public static NetDevice virtio(String bridge) {
        return new NetDevice("virtio", null, Map.of("bridge", bridge));
    }

    public String bridge() {
        return options.get("bridge");
    }

    public Integer vlanTag() {
        return PropertyString.integer(options.get("tag"));
    }

    public Integer mtu() {
        return PropertyString.integer(options.get("mtu"));
    }

    public boolean firewall() {
        return Boolean.TRUE.equals(PropertyString.flag(options.get("firewall")));
    }

    public boolean linkDown() {
        return Boolean.TRUE.equals(PropertyString.flag(options.get("link_down")));
    }

    public NetDevice withMacAddress(String mac) {
        return new NetDevice(model, mac, options);
    }

    /** Returns a copy with {@code key} set ({@code null} removes it). */
    public NetDevice withOption(String key, String value) {
        Map<String, String> copy = new TreeMap<>(options);
        if (value == null) {
            copy.remove(key);
        } else {
            copy.put(key, value);
        }
        return new NetDevice(model, macAddress, copy);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(model);
        if (macAddress != null) {
            out.append('=').append(macAddress);
        }
        options.forEach((k, v) -> out.append(',').append(k).append('=').append(v));
        return out.toString();
    }
}
