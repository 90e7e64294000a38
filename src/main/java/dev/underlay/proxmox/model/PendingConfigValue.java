package dev.underlay.proxmox.model;

/**
 * A row of {@code GET /nodes/{node}/qemu/{vmid}/pending}: the current value and, when a change waits for the next
 * restart, the pending value or a pending delete ({@code delete} 1, or 2 for a forced delete).
 */
public record PendingConfigValue(String key, String value, String pending, int delete) {

    public boolean hasPendingChange() {
        return pending != null || delete > 0;
    }
}
