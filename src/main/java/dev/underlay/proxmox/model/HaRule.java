package dev.underlay.proxmox.model;

import java.util.List;
import java.util.Locale;

/**
 * A PVE 9 HA rule ({@code /cluster/ha/rules}). A node-affinity rule keeps {@code resources} on {@code nodes}
 * ({@code strict}: only there); a resource-affinity rule keeps them together or apart. Rules may only name
 * resources HA already manages. {@code order} and {@code digest} are read-only.
 */
public record HaRule(
        String rule,
        Type type,
        List<String> resources,
        List<NodePriority> nodes,
        Boolean strict,
        Affinity affinity,
        Boolean disable,
        String comment,
        Integer order,
        String digest) {

    public HaRule {
        if (rule == null || type == null) {
            throw new IllegalArgumentException("an HA rule needs an id and a type");
        }
        resources = ModelLists.copy(resources);
        nodes = ModelLists.copy(nodes);
    }

    public static HaRule nodeAffinity(String rule, List<String> resources, List<NodePriority> nodes, boolean strict) {
        return new HaRule(rule, Type.NODE_AFFINITY, resources, nodes, strict, null, null, null, null, null);
    }

    public static HaRule resourceAffinity(String rule, List<String> resources, Affinity affinity) {
        return new HaRule(rule, Type.RESOURCE_AFFINITY, resources, List.of(), null, affinity, null, null, null, null);
    }

    public enum Type {
        NODE_AFFINITY,
        RESOURCE_AFFINITY;

        public String wire() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Type fromWire(String text) {
            return valueOf(text.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    public enum Affinity {
        POSITIVE,
        NEGATIVE;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Affinity fromWire(String text) {
            return valueOf(text.toUpperCase(Locale.ROOT));
        }
    }
}
