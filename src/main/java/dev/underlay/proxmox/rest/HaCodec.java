package dev.underlay.proxmox.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.underlay.proxmox.model.HaGroup;
import dev.underlay.proxmox.model.HaManagerStatus;
import dev.underlay.proxmox.model.HaMigrationResult;
import dev.underlay.proxmox.model.HaResource;
import dev.underlay.proxmox.model.HaRule;
import dev.underlay.proxmox.model.HaStatusEntry;
import dev.underlay.proxmox.model.NodePriority;
import dev.underlay.proxmox.rest.PveJson.Fields;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Wire mapping for HA groups (PVE 8), rules (PVE 9), resources and status. */
final class HaCodec {

    private HaCodec() {}

    static List<HaGroup> groups(JsonNode data) {
        return PveJson.elements(data).stream().map(HaCodec::group).toList();
    }

    static HaGroup group(Fields f) {
        return new HaGroup(
                f.str("group"),
                NodePriority.parseList(f.str("nodes")),
                f.bool("restricted"),
                f.bool("nofailback"),
                f.str("comment"),
                f.str("digest"));
    }

    static PveParams createGroup(HaGroup g) {
        return PveParams.builder()
                .add("group", g.group())
                .add("nodes", NodePriority.formatList(g.nodes()))
                .add("restricted", g.restricted())
                .add("nofailback", g.nofailback())
                .add("comment", g.comment())
                .build();
    }

    /** An empty comment removes it ({@code delete=comment}): PVE has no other way to clear a group's comment. */
    static PveParams updateGroup(HaGroup g) {
        boolean clearComment = g.comment() != null && g.comment().isEmpty();
        return PveParams.builder()
                .add("nodes", g.nodes().isEmpty() ? null : NodePriority.formatList(g.nodes()))
                .add("restricted", g.restricted())
                .add("nofailback", g.nofailback())
                .add("comment", clearComment ? null : g.comment())
                .add("delete", clearComment ? "comment" : null)
                .add("digest", g.digest())
                .build();
    }

    static List<HaRule> rules(JsonNode data) {
        return PveJson.elements(data).stream().map(HaCodec::rule).toList();
    }

    static HaRule rule(Fields f) {
        String affinity = f.str("affinity");
        return new HaRule(
                f.str("rule"),
                HaRule.Type.fromWire(f.str("type")),
                f.strings("resources"),
                NodePriority.parseList(f.str("nodes")),
                f.bool("strict"),
                affinity == null ? null : HaRule.Affinity.fromWire(affinity),
                f.bool("disable"),
                f.str("comment"),
                f.integer("order"),
                f.str("digest"));
    }

    static PveParams createRule(HaRule r) {
        return PveParams.builder()
                .add("rule", r.rule())
                .add("type", r.type().wire())
                .addCsv("resources", r.resources())
                .add("nodes", r.nodes().isEmpty() ? null : NodePriority.formatList(r.nodes()))
                .add("strict", r.strict())
                .add("affinity", r.affinity() == null ? null : r.affinity().wire())
                .add("disable", r.disable())
                .add("comment", r.comment())
                .build();
    }

    /** PUT requires {@code type} again; the rule id is in the path. */
    static PveParams updateRule(HaRule r, List<String> delete) {
        return PveParams.builder()
                .add("type", r.type().wire())
                .addCsv("resources", r.resources())
                .add("nodes", r.nodes().isEmpty() ? null : NodePriority.formatList(r.nodes()))
                .add("strict", r.strict())
                .add("affinity", r.affinity() == null ? null : r.affinity().wire())
                .add("disable", r.disable())
                .add("comment", r.comment())
                .addCsv("delete", delete)
                .add("digest", r.digest())
                .build();
    }

    static List<HaResource> resources(JsonNode data) {
        return PveJson.elements(data).stream().map(HaCodec::resource).toList();
    }

    static HaResource resource(Fields f) {
        return new HaResource(
                f.str("sid"),
                f.str("type"),
                f.str("state"),
                f.str("group"),
                f.bool("failback"),
                f.integer("max_restart"),
                f.integer("max_relocate"),
                f.str("comment"),
                f.str("digest"));
    }

    static PveParams createResource(HaResource r) {
        return PveParams.builder()
                .add("sid", r.sid())
                .add("type", r.type())
                .add("state", r.state())
                .add("group", r.group())
                .add("failback", r.failback())
                .add("max_restart", r.maxRestart())
                .add("max_relocate", r.maxRelocate())
                .add("comment", r.comment())
                .build();
    }

    static PveParams updateResource(HaResource r, List<String> delete) {
        return PveParams.builder()
                .add("state", r.state())
                .add("group", r.group())
                .add("failback", r.failback())
                .add("max_restart", r.maxRestart())
                .add("max_relocate", r.maxRelocate())
                .add("comment", r.comment())
                .addCsv("delete", delete)
                .add("digest", r.digest())
                .build();
    }

    static Optional<HaMigrationResult> migration(JsonNode data) {
        if (!data.isObject()) {
            return Optional.empty();
        }
        Fields f = Fields.of(data);
        List<HaMigrationResult.Blocking> blocking = f.objects("blocking-resources").stream()
                .map(b -> new HaMigrationResult.Blocking(b.str("sid"), b.str("cause")))
                .toList();
        return Optional.of(new HaMigrationResult(
                f.str("sid"), f.str("requested-node"), f.strings("comigrated-resources"), blocking));
    }

    /** Status rows by {@code type}; unknown types (future PVE) are skipped. */
    static List<HaStatusEntry> status(JsonNode data) {
        List<HaStatusEntry> out = new ArrayList<>();
        for (Fields f : PveJson.elements(data)) {
            String type = f.str("type");
            if (type == null) {
                continue;
            }
            switch (type) {
                case "quorum":
                    out.add(new HaStatusEntry.Quorum(f.str("node"), f.flag("quorate"), f.str("status")));
                    break;
                case "master":
                    out.add(new HaStatusEntry.Master(f.str("node"), f.str("status"), f.lng("timestamp")));
                    break;
                case "lrm":
                    out.add(new HaStatusEntry.Lrm(f.str("node"), f.str("status"), f.lng("timestamp")));
                    break;
                case "service":
                    out.add(new HaStatusEntry.Service(
                            f.str("sid"),
                            f.str("node"),
                            f.str("state"),
                            f.str("crm_state"),
                            f.str("request_state"),
                            f.str("status"),
                            f.integer("max_restart"),
                            f.integer("max_relocate"),
                            f.bool("failback")));
                    break;
                case "fencing":
                    out.add(new HaStatusEntry.Fencing(
                            f.str("node"), f.str("armed-state"), f.str("resource_mode"), f.str("status")));
                    break;
                default:
                    break;
            }
        }
        return out;
    }

    static HaManagerStatus managerStatus(JsonNode data) {
        Fields root = Fields.of(data);
        Fields manager = root.obj("manager_status");
        Map<String, String> nodeStatus = new LinkedHashMap<>();
        Fields nodes = manager.obj("node_status");
        nodes.keys().forEach(n -> nodeStatus.put(n, nodes.str(n)));
        Set<String> maintenance = new HashSet<>();
        Fields requests = manager.obj("node_request");
        requests.keys().forEach(n -> {
            if (requests.obj(n).flag("maintenance")) {
                maintenance.add(n);
            }
        });
        Map<String, HaManagerStatus.Lrm> lrm = new LinkedHashMap<>();
        Fields lrms = root.obj("lrm_status");
        lrms.keys().forEach(n -> {
            Fields l = lrms.obj(n);
            lrm.put(n, new HaManagerStatus.Lrm(l.str("mode"), l.str("state"), l.lng("timestamp")));
        });
        Fields quorum = root.obj("quorum");
        return new HaManagerStatus(
                manager.str("master_node"),
                manager.lng("timestamp"),
                nodeStatus,
                maintenance,
                lrm,
                quorum.bool("quorate"),
                quorum.str("node"));
    }
}
