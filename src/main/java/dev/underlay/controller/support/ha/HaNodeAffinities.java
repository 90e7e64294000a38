package dev.underlay.controller.support.ha;

import dev.underlay.proxmox.ProxmoxApi;
import dev.underlay.proxmox.ProxmoxApiException;
import dev.underlay.proxmox.model.ClusterStatus;
import dev.underlay.proxmox.model.HaResource;
import dev.underlay.proxmox.model.NodePriority;
import dev.underlay.proxmox.model.PveVersion;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where the HA stack lets each HA-managed guest run: its HA group (PVE 8, and 9 before the migration) or the
 * node-affinity rule naming it (PVE 9). Whoever moves an HA guest must pick a node the CRM agrees with: the CRM moves
 * a guest on to its group's best node afterwards, and never runs a guest of a restricted group or strict rule outside
 * the listed nodes. Whole-cluster reads, all of them (mode probe, groups or rules, HA resources on groups).
 */
public final class HaNodeAffinities {

    private static final HaNodeAffinities NONE = new HaNodeAffinities(Map.of(), null);

    private final Map<String, Affinity> bySid;
    private final String unknownReason;

    private HaNodeAffinities(Map<String, Affinity> bySid, String unknownReason) {
        this.bySid = Map.copyOf(bySid);
        this.unknownReason = unknownReason;
    }

    /**
     * One HA guest's placement constraint.
     *
     * @param group  an HA group (PVE 8 and unmigrated 9) rather than a node-affinity rule
     * @param id     the group's name or the rule's id
     * @param strict restricted group / strict rule: the guest runs on these nodes or not at all
     */
    public record Affinity(boolean group, String id, List<NodePriority> nodes, boolean strict) {

        public Affinity {
            nodes = List.copyOf(nodes);
        }

        public static Affinity group(String name, List<NodePriority> nodes, boolean restricted) {
            return new Affinity(true, name, nodes, restricted);
        }

        public static Affinity rule(String id, List<NodePriority> nodes, boolean strict) {
            return new Affinity(false, id, nodes, strict);
        }

        /**
         * The nodes among {@code available} the CRM would choose: those listed with the highest priority present (no
         * priority counts as 0, as in PVE). Empty when none is listed: then a strict guest has nowhere to go and any
         * other may go anywhere.
         */
        public Set<String> preferred(Set<String> available) {
            int best = nodes.stream()
                    .filter(n -> available.contains(n.node()))
                    .mapToInt(HaNodeAffinities::priority)
                    .max()
                    .orElse(Integer.MIN_VALUE);
            Set<String> preferred = new TreeSet<>();
            nodes.stream()
                    .filter(n -> available.contains(n.node()) && priority(n) == best)
                    .forEach(n -> preferred.add(n.node()));
            return preferred;
        }

        /** For messages: {@code HA group ai-workloads, restricted: pve-aimax-01}. */
        public String describe() {
            return (group ? "HA group " : "HA rule ") + id + (strict ? group ? ", restricted" : ", strict" : "") + ": "
                    + NodePriority.formatList(nodes);
        }
    }

    /** No HA guest has a constraint (a cluster without groups or rules, or nothing HA-managed to move). */
    public static HaNodeAffinities none() {
        return NONE;
    }

    public static HaNodeAffinities of(Map<String, Affinity> bySid) {
        return new HaNodeAffinities(bySid, null);
    }

    public static HaNodeAffinities read(ProxmoxApi api, PveVersion version, ClusterStatus status)
            throws ProxmoxApiException {
        HaClusterView view = HaModeProbe.read(api, version, status);
        if (!view.isKnown()) {
            return new HaNodeAffinities(Map.of(), view.reason());
        }
        Map<String, Affinity> bySid = new HashMap<>();
        if (view.mode() == HaMode.Groups) {
            for (HaResource resource : api.haResources()) {
                HaPlacement group =
                        resource.group() == null ? null : view.placements().get(resource.group());
                if (group != null) {
                    bySid.put(resource.sid(), Affinity.group(group.id(), group.nodes(), group.restricted()));
                }
            }
        } else {
            for (HaPlacement rule : view.placements().values()) {
                if (HaPlacement.NODE_AFFINITY.equals(rule.ruleType()) && !rule.disabled()) {
                    // PVE lets a resource be in one node-affinity rule only
                    rule.resources()
                            .forEach(sid ->
                                    bySid.putIfAbsent(sid, Affinity.rule(rule.id(), rule.nodes(), rule.restricted())));
                }
            }
        }
        return new HaNodeAffinities(bySid, null);
    }

    public Optional<Affinity> of(String sid) {
        return Optional.ofNullable(bySid.get(sid));
    }

    /** Why the groups and rules could not be read (a cluster mid-upgrade); then no constraint is known. */
    public Optional<String> unknownReason() {
        return Optional.ofNullable(unknownReason);
    }

    private static int priority(NodePriority node) {
        return node.priority() == null ? 0 : node.priority();
    }
}
