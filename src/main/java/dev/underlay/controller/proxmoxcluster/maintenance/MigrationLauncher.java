package dev.underlay.controller.proxmoxcluster.maintenance;

import dev.underlay.proxmox.NotImplementedException;
import dev.underlay.proxmox.ProxmoxApi;
import dev.underlay.proxmox.ProxmoxApiException;
import dev.underlay.proxmox.UnsupportedByVersionException;
import dev.underlay.proxmox.model.BulkMigrateRequest;
import dev.underlay.proxmox.model.HaMigrationResult;
import dev.underlay.proxmox.model.MigrateRequest;
import dev.underlay.proxmox.model.PveVersion;
import dev.underlay.proxmox.model.Upid;
import io.quarkus.logging.Log;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Starts one migration set: every HA-managed guest through the CRM, the others with one bulk migration per target on
 * PVE 9.1+ or, failing that, a few per-VM migrations at a time. What could not be started is reported, not thrown,
 * so that the set that did start is still followed.
 */
final class MigrationLauncher {

    /** Parallel per-VM migrations in one set; PVE's bulk migration and HA pace themselves. */
    static final int PER_VM_BATCH = 2;

    static final int BULK_WORKERS = 2;

    private final ProxmoxApi api;
    private final String node;
    private final String logPrefix;

    MigrationLauncher(ProxmoxApi api, String node, String logPrefix) {
        this.api = api;
        this.node = node;
        this.logPrefix = logPrefix;
    }

    record Started(List<Launch> launches, List<String> failures) {}

    Started launch(List<GuestMove> moves, PveVersion version, EvacuationMemory memory, Instant now) {
        List<Launch> launches = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        moves.stream().filter(m -> m.method() == GuestMove.Method.HA).forEach(m -> startHa(m, now, launches, failures));
        List<GuestMove> plain =
                moves.stream().filter(m -> m.method() != GuestMove.Method.HA).toList();
        if (!plain.isEmpty() && version != null && version.isAtLeast(9, 1) && !memory.bulkUnusable()) {
            if (startBulk(plain, now, launches, failures)) {
                return new Started(launches, failures);
            }
            memory.bulkUnusable(true);
        }
        for (GuestMove move : plain.stream().limit(PER_VM_BATCH).toList()) {
            try {
                MigrateRequest request = move.method() == GuestMove.Method.ONLINE
                        ? MigrateRequest.online(move.target())
                        : MigrateRequest.offline(move.target());
                Upid upid = api.migrateVm(node, move.vmid(), request);
                launches.add(new Launch(Launch.Kind.MIGRATE, upid, List.of(move.vmid()), move.target(), now));
                Log.infof("%s: migrating VM %d to %s (%s)", logPrefix, move.vmid(), move.target(), upid);
            } catch (ProxmoxApiException e) {
                failures.add(
                        "migrating VM " + move.vmid() + " to " + move.target() + " was refused: " + e.getMessage());
            }
        }
        return new Started(launches, failures);
    }

    private void startHa(GuestMove move, Instant now, List<Launch> launches, List<String> failures) {
        try {
            Optional<HaMigrationResult> result = move.sid().startsWith("ct:")
                    ? api.relocateHaResource(move.sid(), move.target())
                    : api.migrateHaResource(move.sid(), move.target());
            if (result.isPresent() && !result.get().blockingResources().isEmpty()) {
                failures.add("HA refused to move " + move.sid() + " to " + move.target() + ": blocked by "
                        + result.get().blockingResources().stream()
                                .map(b -> b.sid() + " (" + b.cause() + ")")
                                .collect(Collectors.joining(", ")));
                return;
            }
            launches.add(new Launch(Launch.Kind.HA, null, List.of(move.vmid()), move.target(), now));
            Log.infof("%s: asked HA to move %s to %s", logPrefix, move.sid(), move.target());
        } catch (ProxmoxApiException e) {
            failures.add(
                    "asking HA to move " + move.sid() + " to " + move.target() + " was refused: " + e.getMessage());
        }
    }

    /** False when this PVE cannot bulk-migrate after all; then the caller falls back to per-VM migrations. */
    private boolean startBulk(List<GuestMove> plain, Instant now, List<Launch> launches, List<String> failures) {
        Map<String, List<Integer>> byTarget = new TreeMap<>();
        plain.forEach(m ->
                byTarget.computeIfAbsent(m.target(), t -> new ArrayList<>()).add(m.vmid()));
        for (Map.Entry<String, List<Integer>> target : byTarget.entrySet()) {
            try {
                Upid upid = api.bulkMigrate(
                        new BulkMigrateRequest(target.getKey(), target.getValue(), true, BULK_WORKERS, null));
                launches.add(new Launch(Launch.Kind.BULK, upid, target.getValue(), target.getKey(), now));
                Log.infof("%s: bulk-migrating VMs %s to %s (%s)", logPrefix, target.getValue(), target.getKey(), upid);
            } catch (UnsupportedByVersionException | NotImplementedException e) {
                Log.infof("%s: bulk migration unavailable (%s); migrating VM by VM", logPrefix, e.getMessage());
                return false;
            } catch (ProxmoxApiException e) {
                failures.add("bulk-migrating VMs " + target.getValue() + " to " + target.getKey() + " was refused: "
                        + e.getMessage());
            }
        }
        return true;
    }
}
