package dev.underlay.simulator.pve.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** HA resources, groups (PVE 8 style) and rules (PVE 9 style), plus the CRM mode and arming. */
public final class HaState {

    /** Whether the cluster still uses HA groups or has migrated them to rules (PVE 9). */
    public enum Mode {
        GROUPS,
        RULES
    }

    public Mode mode;
    public boolean armed = true;
    public final Map<String, Map<String, String>> resources = new LinkedHashMap<>();
    public final Map<String, Map<String, String>> groups = new LinkedHashMap<>();
    public final Map<String, Map<String, String>> rules = new LinkedHashMap<>();

    public HaState(Mode mode) {
        this.mode = mode;
    }

    public static String sid(int vmid) {
        return "vm:" + vmid;
    }

    public boolean manages(int vmid) {
        return resources.containsKey(sid(vmid));
    }

    /**
     * Whether power and migrate requests for the guest go through the CRM: it is an HA resource whose requested
     * state is not {@code ignored} (an ignored resource is left to the plain qemu-server calls).
     */
    public boolean controls(int vmid) {
        Map<String, String> resource = resources.get(sid(vmid));
        return resource != null && !"ignored".equals(resource.getOrDefault("state", "started"));
    }

    /**
     * Moves to {@code target}. Going from groups to rules does what PVE 9 does once every node runs it: each group
     * that places at least one resource becomes the node-affinity rule {@code ha-group-<group>} (restricted becomes
     * strict; the comment is kept, or generated when empty), the group's nofailback moves to its resources as
     * {@code failback}, and the groups are gone. Groups without resources are not carried over.
     */
    public void switchTo(Mode target) {
        if (mode == Mode.GROUPS && target == Mode.RULES) {
            migrateGroupsToRules();
        }
        mode = target;
    }

    private void migrateGroupsToRules() {
        groups.forEach((name, group) -> {
            List<String> members = new ArrayList<>();
            resources.forEach((sid, res) -> {
                if (name.equals(res.get("group"))) {
                    members.add(sid);
                }
            });
            if (members.isEmpty()) {
                return;
            }
            Map<String, String> rule = new LinkedHashMap<>();
            rule.put("type", "node-affinity");
            rule.put("resources", String.join(",", members));
            rule.put("nodes", group.get("nodes"));
            if (group.containsKey("restricted")) {
                rule.put("strict", group.get("restricted"));
            }
            String comment = group.get("comment");
            rule.put(
                    "comment",
                    comment == null || comment.isEmpty() ? "Generated from HA group '" + name + "'." : comment);
            rules.put("ha-group-" + name, rule);
        });
        resources.values().forEach(res -> {
            String group = res.remove("group");
            if (group != null) {
                boolean nofailback =
                        "1".equals(groups.getOrDefault(group, Map.of()).get("nofailback"));
                res.put("failback", nofailback ? "0" : "1");
            }
        });
        groups.clear();
    }
}
