package dev.underlay.proxmox.model;

import java.util.Map;

/**
 * The qemu {@code memory} option, a property string {@code [current=]<MiB>} since qemu-server 8.0.8. Older
 * servers send a JSON integer; both read the same. {@link #toString()} writes the short form {@code 2048}.
 */
public record MemoryConfig(long currentMiB) {

    public MemoryConfig {
        if (currentMiB < 16) {
            throw new IllegalArgumentException("memory below 16 MiB: " + currentMiB);
        }
    }

    public static MemoryConfig parse(String text) {
        Map<String, String> parts = PropertyString.parse(text, "current");
        String current = parts.get("current");
        if (current == null) {
            throw new IllegalArgumentException("memory without size: " + text);
        }
        return new MemoryConfig(Long.parseLong(current.trim()));
    }

    @Override
    public String toString() {
        return Long.toString(currentMiB);
    }
}
