package dev.underlay.proxmox.model;

import java.util.Map;
import java.util.TreeMap;

/**
 * Backup retention ({@code prune-backups}), e.g. {@code keep-daily=7,keep-last=3,keep-weekly=4}. Read from a
 * property string (storage config, job PUT) or from an object (9.x job GET); written as the property string with
 * keys in alphabetical order.
 */
public record PruneBackups(
        Boolean keepAll,
        Integer keepLast,
        Integer keepHourly,
        Integer keepDaily,
        Integer keepWeekly,
        Integer keepMonthly,
        Integer keepYearly) {

    public static PruneBackups keepEverything() {
        return new PruneBackups(true, null, null, null, null, null, null);
    }

    public static PruneBackups parse(String text) {
        return fromMap(PropertyString.parse(text, null));
    }

    /** Builds from key/value pairs named as on the wire ({@code keep-last}, ...); unknown keys are rejected. */
    public static PruneBackups fromMap(Map<String, String> values) {
        for (String key : values.keySet()) {
            if (!key.startsWith("keep-")) {
                throw new IllegalArgumentException("unknown prune-backups key: " + key);
            }
        }
        return new PruneBackups(
                PropertyString.flag(values.get("keep-all")),
                PropertyString.integer(values.get("keep-last")),
                PropertyString.integer(values.get("keep-hourly")),
                PropertyString.integer(values.get("keep-daily")),
                PropertyString.integer(values.get("keep-weekly")),
                PropertyString.integer(values.get("keep-monthly")),
                PropertyString.integer(values.get("keep-yearly")));
    }

    public Map<String, String> toMap() {
        Map<String, String> out = new TreeMap<>();
        if (keepAll != null) {
            out.put("keep-all", keepAll ? "1" : "0");
        }
        put(out, "keep-last", keepLast);
        put(out, "keep-hourly", keepHourly);
        put(out, "keep-daily", keepDaily);
        put(out, "keep-weekly", keepWeekly);
        put(out, "keep-monthly", keepMonthly);
        put(out, "keep-yearly", keepYearly);
        return out;
    }

    private static void put(Map<String, String> out, String key, Integer value) {
        if (value != null) {
            out.put(key, value.toString());
        }
    }

    @Override
    public String toString() {
        return PropertyString.format(toMap(), null);
    }
}
