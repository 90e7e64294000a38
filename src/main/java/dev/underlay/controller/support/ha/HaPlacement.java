package dev.underlay.controller.support.ha;

import dev.underlay.proxmox.model.HaGroup;
import dev.underlay.proxmox.model.HaRule;
import dev.underlay.proxmox.model.NodePriority;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * An HA group (PVE 8) or HA rule (PVE 9) in the shape both share, so that planning and comparing are written once.
 * Lists are normalised (sorted, no duplicates) because PVE does not keep their order: two placements are equal
 * exactly when PVE would treat them the same.
 *
 * @param id         group name or rule id
 * @param ruleType   the rule's type on the wire ({@code node-affinity}, {@code resource-affinity}); null for a group
 * @param nodes      member nodes, each with an optional priority
 * @param restricted group {@code restricted} / rule {@code strict}
 * @param noFailback group {@code nofailback}; always false for rules (PVE 9 keeps it on the resources)
 * @param resources  rule resources ({@code vm:101}); empty for groups
 * @param comment    the whole comment as stored, ownership marker included; null when there is none
 * @param disabled   rule {@code disable}; always false for groups
 */
public record HaPlacement(
        String id,
        String ruleType,
        List<NodePriority> nodes,
        boolean restricted,
        boolean noFailback,
        List<String> resources,
        String comment,
        boolean disabled) {

    public static final String NODE_AFFINITY = HaRule.Type.NODE_AFFINITY.wire();

    private static final Comparator<String> SID_ORDER = Comparator.comparing((String sid) -> sid.replaceAll("\\d", ""))
            .thenComparing(sid -> sid.replaceAll("\\D", "").length())
            .thenComparing(Comparator.naturalOrder());

    public HaPlacement {
        Objects.requireNonNull(id);
        nodes = nodes.stream()
                .distinct()
                .sorted(Comparator.comparing(NodePriority::node)
                        .thenComparing(n -> n.priority() == null ? -1 : n.priority()))
                .toList();
        resources = resources.stream().distinct().sorted(SID_ORDER).toList();
    }

    public static HaPlacement of(HaGroup group) {
        return new HaPlacement(
                group.group(),
                null,
                group.nodes(),
                Boolean.TRUE.equals(group.restricted()),
                Boolean.TRUE.equals(group.nofailback()),
                List.of(),
                group.comment(),
                false);
    }

    public static HaPlacement of(HaRule rule) {
        return new HaPlacement(
                rule.rule(),
                rule.type().wire(),
                rule.nodes(),
                Boolean.TRUE.equals(rule.strict()),
                false,
                rule.resources(),
                rule.comment(),
                Boolean.TRUE.equals(rule.disable()));
    }

    public boolean isGroup() {
        return ruleType == null;
    }

    /** Groups and node-affinity rules place resources on nodes; other rule types cannot stand for a group. */
    public boolean placesOnNodes() {
        return isGroup() || NODE_AFFINITY.equals(ruleType);
    }

    public HaPlacement withComment(String newComment) {
        return new HaPlacement(id, ruleType, nodes, restricted, noFailback, resources, newComment, disabled);
    }

    public static String format(List<NodePriority> nodes) {
        return nodes.isEmpty() ? "(none)" : NodePriority.formatList(nodes);
    }
}
