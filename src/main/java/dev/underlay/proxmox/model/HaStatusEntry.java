package dev.underlay.proxmox.model;

/**
 * A row of {@code GET /cluster/ha/status/current}. The {@code status} texts are for humans
 * ({@code "vm:100 (pve1, started)"}); node maintenance shows only as {@code "... (maintenance mode, ...)"} in an
 * LRM row. Unknown row types are dropped by the client.
 */
public sealed interface HaStatusEntry {

    String node();

    String status();

    record Quorum(String node, boolean quorate, String status) implements HaStatusEntry {}

    record Master(String node, String status, Long timestamp) implements HaStatusEntry {}

    record Lrm(String node, String status, Long timestamp) implements HaStatusEntry {

        public boolean inMaintenance() {
            return status != null && status.contains("maintenance mode");
        }
    }

    record Service(
            String sid,
            String node,
            String state,
            String crmState,
            String requestState,
            String status,
            Integer maxRestart,
            Integer maxRelocate,
            Boolean failback)
            implements HaStatusEntry {}

    /** PVE 9.1+: whether HA (and its watchdogs) is armed. */
    record Fencing(String node, String armedState, String resourceMode, String status) implements HaStatusEntry {}
}
