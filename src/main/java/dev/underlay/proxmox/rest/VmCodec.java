package dev.underlay.proxmox.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.underlay.proxmox.model.CloneVmRequest;
import dev.underlay.proxmox.model.CreateVmRequest;
import dev.underlay.proxmox.model.DeleteVmOptions;
import dev.underlay.proxmox.model.DiskResize;
import dev.underlay.proxmox.model.GuestNetworkInterface;
import dev.underlay.proxmox.model.GuestSummary;
import dev.underlay.proxmox.model.MigratePrecondition;
import dev.underlay.proxmox.model.MigrateRequest;
import dev.underlay.proxmox.model.PendingConfigValue;
import dev.underlay.proxmox.model.VmConfig;
import dev.underlay.proxmox.model.VmConfigChange;
import dev.underlay.proxmox.model.VmStatus;
import dev.underlay.proxmox.rest.PveJson.Fields;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Wire mapping for QEMU guests: lists, config, status, create/clone/update/migrate/resize/delete, agent. */
final class VmCodec {

    private VmCodec() {}

    static List<GuestSummary> guests(JsonNode data) {
        return PveJson.elements(data).stream()
                .map(row -> new GuestSummary(
                        row.integer("vmid"),
                        row.str("name"),
                        row.str("status"),
                        row.str("qmpstatus"),
                        row.str("lock"),
                        row.strings("tags"),
                        row.flag("template"),
                        row.lng("pid"),
                        row.dbl("cpu"),
                        row.dbl("cpus"),
                        row.lng("mem"),
                        row.lng("maxmem"),
                        row.lng("maxdisk"),
                        row.lng("uptime")))
                .toList();
    }

    /** Every scalar option as text; the digest is kept apart because it is not an option. */
    static VmConfig config(JsonNode data) {
        Map<String, String> values = new LinkedHashMap<>(Fields.of(data).scalars());
        String digest = values.remove("digest");
        return new VmConfig(digest, values);
    }

    static List<PendingConfigValue> pending(JsonNode data) {
        return PveJson.elements(data).stream()
                .map(row -> new PendingConfigValue(
                        row.str("key"),
                        row.str("value"),
                        row.str("pending"),
                        row.integer("delete") == null ? 0 : row.integer("delete")))
                .toList();
    }

    static VmStatus status(JsonNode data) {
        Fields f = Fields.of(data);
        Fields ha = f.obj("ha");
        return new VmStatus(
                f.integer("vmid"),
                f.str("name"),
                f.str("status"),
                f.str("qmpstatus"),
                f.lng("pid"),
                f.lng("uptime"),
                f.dbl("cpu"),
                f.dbl("cpus"),
                f.lng("mem"),
                f.lng("maxmem"),
                f.lng("maxdisk"),
                f.flag("agent"),
                f.str("lock"),
                f.strings("tags"),
                f.flag("template"),
                ha.flag("managed"),
                ha.str("state"),
                f.str("running-machine"),
                f.str("running-qemu"));
    }

    static PveParams create(CreateVmRequest request) {
        return PveParams.builder()
                .add("vmid", request.vmid())
                .addAll(request.options().values())
                .add("archive", request.archive())
                .add("storage", request.storage())
                .add("pool", request.pool())
                .add("force", request.force())
                .add("unique", request.unique())
                .add("start", request.start())
                .add("ha-managed", request.haManaged())
                .build();
    }

    static PveParams clone(CloneVmRequest request) {
        return PveParams.builder()
                .add("newid", request.newId())
                .add("name", request.name())
                .add("description", request.description())
                .add("target", request.target())
                .add("storage", request.storage())
                .add("full", request.full())
                .add("pool", request.pool())
                .add("snapname", request.snapname())
                .add("format", request.format())
                .add("bwlimit", request.bwlimitKiBs())
                .build();
    }

    static PveParams change(VmConfigChange change) {
        return PveParams.builder()
                .addAll(change.set().values())
                .addCsv("delete", change.delete())
                .addCsv("revert", change.revert())
                .add("digest", change.digest())
                .build();
    }

    static MigratePrecondition migratePrecondition(JsonNode data) {
        Fields f = Fields.of(data);
        Map<String, List<String>> notAllowed = new LinkedHashMap<>();
        Fields blocked = f.obj("not_allowed_nodes");
        for (String node : blocked.keys()) {
            Fields reasons = blocked.obj(node);
            List<String> why = new ArrayList<>();
            reasons.strings("unavailable_storages").forEach(s -> why.add("storage " + s + " unavailable"));
            reasons.objects("blocking-ha-resources")
                    .forEach(r -> why.add("HA resource " + r.str("sid") + " blocks (" + r.str("cause") + ")"));
            notAllowed.put(node, why);
        }
        List<MigratePrecondition.LocalDisk> disks = f.objects("local_disks").stream()
                .map(d -> new MigratePrecondition.LocalDisk(
                        d.str("volid"), d.lng("size"), d.flag("cdrom"), d.flag("is_unused")))
                .toList();
        return new MigratePrecondition(
                f.flag("running"),
                f.strings("allowed_nodes"),
                notAllowed,
                disks,
                f.strings("local_resources"),
                f.strings("mapped-resources"),
                f.strings("dependent-ha-resources"));
    }

    static PveParams migrate(MigrateRequest request) {
        return PveParams.builder()
                .add("target", request.target())
                .add("online", request.online())
                .add("with-local-disks", request.withLocalDisks())
                .add("targetstorage", request.targetStorage())
                .add("bwlimit", request.bwlimitKiBs())
                .add("migration_network", request.migrationNetwork())
                .add("migration_type", request.migrationType())
                .add("with-conntrack-state", request.withConntrackState())
                .build();
    }

    static PveParams resize(DiskResize resize) {
        return PveParams.builder()
                .add("disk", resize.disk())
                .add("size", resize.size())
                .add("digest", resize.digest())
                .build();
    }

    static PveParams delete(DeleteVmOptions options) {
        PveParams.Builder b = PveParams.builder();
        if (options != null && options.purge()) {
            b.add("purge", true);
        }
        if (options != null && options.destroyUnreferencedDisks()) {
            b.add("destroy-unreferenced-disks", true);
        }
        return b.build();
    }

    /** Interfaces from {@code {"result": [...]}}; an agent-level error is reported by {@link #agentError}. */
    static List<GuestNetworkInterface> interfaces(JsonNode data) {
        return PveJson.elements(data.path("result")).stream()
                .map(i -> new GuestNetworkInterface(
                        i.str("name"),
                        i.str("hardware-address"),
                        i.objects("ip-addresses").stream()
                                .map(a -> new GuestNetworkInterface.IpAddress(
                                        a.str("ip-address"), a.str("ip-address-type"), a.integer("prefix")))
                                .toList()))
                .toList();
    }

    /** The QGA error ({@code result.error.class/desc}) of a 200 answer, or null. */
    static Fields agentError(JsonNode data) {
        JsonNode error = data.path("result").path("error");
        return error.isObject() ? Fields.of(error) : null;
    }
}
