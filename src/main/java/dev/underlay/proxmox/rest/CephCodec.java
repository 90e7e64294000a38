package dev.underlay.proxmox.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.underlay.proxmox.model.CephFlag;
import dev.underlay.proxmox.model.CephFlagState;
import dev.underlay.proxmox.model.CephOsd;
import dev.underlay.proxmox.model.CephOsdTree;
import dev.underlay.proxmox.model.CephPool;
import dev.underlay.proxmox.model.CephPoolChange;
import dev.underlay.proxmox.model.CephPoolDeleteOptions;
import dev.underlay.proxmox.model.CephPoolSpec;
import dev.underlay.proxmox.model.CephPoolStatus;
import dev.underlay.proxmox.model.CephStatus;
import dev.underlay.proxmox.rest.PveJson.Fields;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Wire mapping for Ceph through PVE. {@code /cluster/ceph/status} is Ceph's own JSON passed through (explicit
 * nulls, JSON booleans, 64-bit feature masks, odd keys); only the fields below are read from it.
 */
final class CephCodec {

    private CephCodec() {}

    static CephStatus status(JsonNode data) {
        Fields f = Fields.of(data);
        Fields health = f.obj("health");
        Map<String, CephStatus.HealthCheck> checks = new LinkedHashMap<>();
        Fields checkNode = health.obj("checks");
        for (String name : checkNode.keys()) {
            Fields c = checkNode.obj(name);
            Fields summary = c.obj("summary");
            checks.put(
                    name,
                    new CephStatus.HealthCheck(
                            c.str("severity"), summary.str("message"), summary.integer("count"), c.flag("muted")));
        }
        Fields osdmap = f.obj("osdmap");
        if (osdmap.obj("osdmap").isObject()) {
            // Ceph before Nautilus nested the counters one level deeper
            osdmap = osdmap.obj("osdmap");
        }
        Fields pgmap = f.obj("pgmap");
        Map<String, Integer> pgsByState = new LinkedHashMap<>();
        pgmap.objects("pgs_by_state").forEach(s -> pgsByState.put(s.str("state_name"), s.integer("count")));
        return new CephStatus(
                f.str("fsid"),
                health.str("status"),
                checks,
                zero(osdmap.integer("num_osds")),
                zero(osdmap.integer("num_up_osds")),
                zero(osdmap.integer("num_in_osds")),
                f.strings("quorum_names"),
                pgmap.lng("bytes_total"),
                pgmap.lng("bytes_used"),
                pgmap.lng("bytes_avail"),
                pgmap.lng("data_bytes"),
                pgmap.integer("num_pgs"),
                pgmap.integer("num_pools"),
                pgsByState);
    }

    static List<CephFlagState> flags(JsonNode data) {
        List<CephFlagState> out = new ArrayList<>();
        for (Fields f : PveJson.elements(data)) {
            Optional<CephFlag> flag = CephFlag.fromWire(f.str("name"));
            flag.ifPresent(value -> out.add(new CephFlagState(value, f.flag("value"), f.str("description"))));
        }
        return out;
    }

    static List<CephPool> pools(JsonNode data) {
        return PveJson.elements(data).stream()
                .map(f -> new CephPool(
                        f.str("pool_name"),
                        f.integer("pool"),
                        f.str("type"),
                        f.integer("size"),
                        f.integer("min_size"),
                        f.integer("pg_num"),
                        f.integer("pg_num_final"),
                        f.integer("pg_num_min"),
                        f.str("pg_autoscale_mode"),
                        f.integer("crush_rule"),
                        f.str("crush_rule_name"),
                        f.lng("bytes_used"),
                        f.dbl("percent_used"),
                        f.lng("target_size"),
                        f.dbl("target_size_ratio"),
                        f.obj("application_metadata").keys()))
                .toList();
    }

    static CephPoolStatus poolStatus(JsonNode data) {
        Fields f = Fields.of(data);
        Fields stats = f.obj("statistics");
        CephPoolStatus.Usage usage = stats.isObject()
                ? new CephPoolStatus.Usage(
                        stats.lng("bytes_used"),
                        stats.lng("stored"),
                        stats.lng("max_avail"),
                        stats.lng("objects"),
                        stats.dbl("percent_used"))
                : null;
        return new CephPoolStatus(
                f.str("name"),
                f.integer("id"),
                f.integer("size"),
                f.integer("min_size"),
                f.integer("pg_num"),
                f.integer("pgp_num"),
                f.integer("pg_num_min"),
                f.str("pg_autoscale_mode"),
                f.str("crush_rule"),
                application(f),
                f.flag("nodelete"),
                f.flag("nosizechange"),
                f.flag("nopgchange"),
                f.str("target_size"),
                f.dbl("target_size_ratio"),
                usage);
    }

    /**
     * The verbose status lists the pool's applications in {@code application_list} (from {@code osd pool
     * application get}); {@code application} is documented too but only set by some versions.
     */
    private static String application(Fields f) {
        String single = f.str("application");
        if (single != null) {
            return single;
        }
        List<String> all = f.strings("application_list");
        return all.isEmpty() ? null : all.get(0);
    }

    static PveParams createPool(CephPoolSpec s) {
        return PveParams.builder()
                .add("name", s.name())
                .add("size", s.size())
                .add("min_size", s.minSize())
                .add("pg_num", s.pgNum())
                .add("pg_num_min", s.pgNumMin())
                .add("pg_autoscale_mode", s.pgAutoscaleMode())
                .add("application", s.application())
                .add("crush_rule", s.crushRule())
                .add("target_size", s.targetSize())
                .add("target_size_ratio", s.targetSizeRatio())
                .add("add_storages", s.addStorages())
                .build();
    }

    static PveParams updatePool(CephPoolChange c) {
        return PveParams.builder()
                .add("size", c.size())
                .add("min_size", c.minSize())
                .add("pg_num", c.pgNum())
                .add("pg_num_min", c.pgNumMin())
                .add("pg_autoscale_mode", c.pgAutoscaleMode())
                .add("application", c.application())
                .add("crush_rule", c.crushRule())
                .add("target_size", c.targetSize())
                .add("target_size_ratio", c.targetSizeRatio())
                .build();
    }

    static PveParams deletePool(CephPoolDeleteOptions o) {
        if (o == null) {
            return PveParams.empty();
        }
        return PveParams.builder()
                .add("force", o.force() ? Boolean.TRUE : null)
                .add("remove_storages", o.removeStorages() ? Boolean.TRUE : null)
                .add("remove_ecprofile", o.removeEcprofile())
                .build();
    }

    /** Flattens the CRUSH tree: every {@code type: osd} node below any host. */
    static CephOsdTree osdTree(JsonNode data) {
        List<CephOsd> osds = new ArrayList<>();
        collectOsds(data.path("root"), null, osds);
        return new CephOsdTree(osds, Fields.of(data).strings("flags"));
    }

    private static void collectOsds(JsonNode node, String host, List<CephOsd> out) {
        Fields f = Fields.of(node);
        String type = f.str("type");
        String currentHost = "host".equals(type) ? f.str("name") : host;
        if ("osd".equals(type)) {
            out.add(new CephOsd(
                    f.integer("id"),
                    f.str("name"),
                    f.str("host") != null ? f.str("host") : host,
                    f.str("status"),
                    f.flag("in"),
                    f.str("device_class"),
                    f.dbl("crush_weight"),
                    f.dbl("reweight"),
                    f.dbl("percent_used"),
                    f.lng("total_space"),
                    f.lng("bytes_used"),
                    f.str("osdtype"),
                    f.str("ceph_version_short")));
        }
        node.path("children").forEach(child -> collectOsds(child, currentHost, out));
    }

    private static int zero(Integer value) {
        return value == null ? 0 : value;
    }
}
