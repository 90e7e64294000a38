package dev.underlay.simulator.pve.model;

import java.util.LinkedHashMap;
import java.util.Map;

/** HA resources, groups (PVE 8 style) and rules (PVE 9 style), plus the CRM mode and arming. */
public final class HaState {

    /** Whether the cluster still uses HA groups or has migrated them to rules (PVE 9). */
    public enum Mode { GROUPS, RULES }

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
}
