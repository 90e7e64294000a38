package dev.underlay.proxmox.model;

import java.util.ArrayList;
import java.util.List;

/** An entry of an HA node list ({@code pve1:2,pve2:1,pve3}): node name and optional priority. */
public record NodePriority(String node, Integer priority) {

    public NodePriority {
        if (node == null || node.isBlank()) {
            throw new IllegalArgumentException("node name missing");
        }
    }

    public static List<NodePriority> parseList(String text) {
        List<NodePriority> out = new ArrayList<>();
        for (String item : ModelLists.split(text)) {
            int colon = item.indexOf(':');
            out.add(
                    colon < 0
                            ? new NodePriority(item, null)
                            : new NodePriority(item.substring(0, colon), Integer.valueOf(item.substring(colon + 1))));
        }
        return List.copyOf(out);
    }

    public static String formatList(List<NodePriority> nodes) {
        return ModelLists.join(nodes, ",");
    }

    @Override
    public String toString() {
        return priority == null ? node : node + ":" + priority;
    }
}
