package dev.underlay.simulator.pve.model;

import java.util.LinkedHashMap;
import java.util.Map;

/** A scheduled backup job from {@code /etc/pve/jobs.cfg}: its id and options as strings. */
public final class BackupJob {
    public final String id;
    public final Map<String, String> options = new LinkedHashMap<>();

    public BackupJob(String id) {
        this.id = id;
    }

    public boolean enabled() {
        return !"0".equals(options.get("enabled"));
    }
}
