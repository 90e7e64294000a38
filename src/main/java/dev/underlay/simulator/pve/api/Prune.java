package dev.underlay.simulator.pve.api;

import dev.underlay.simulator.pve.model.Volume;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * PVE's backup retention ({@code prune-backups}): keep-last first, then one backup per hour,
 * day, week, month and year, newest first, each class counting only periods not already kept.
 */
final class Prune {

    private Prune() {}

    static Map<String, Integer> parse(String spec) {
        Map<String, Integer> out = new LinkedHashMap<>();
        if (spec == null) {
            return out;
        }
        for (String part : spec.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(eq + 1).matches("\\d+")) {
                out.put(part.substring(0, eq), Integer.parseInt(part.substring(eq + 1)));
            }
        }
        return out;
    }

    /** Which of one guest's backups to remove under {@code spec}. Protected ones always stay. */
    static List<Volume> toRemove(List<Volume> backups, Map<String, Integer> spec) {
        if (spec.isEmpty() || spec.getOrDefault("keep-all", 0) == 1) {
            return List.of();
        }
        List<Volume> sorted = new ArrayList<>(backups);
        sorted.sort(Comparator.comparingLong((Volume v) -> v.ctime).reversed());
        Set<Volume> keep = new HashSet<>();
        int last = spec.getOrDefault("keep-last", 0);
        for (int i = 0; i < Math.min(last, sorted.size()); i++) {
            keep.add(sorted.get(i));
        }
        keepPerPeriod(sorted, keep, spec.getOrDefault("keep-hourly", 0), fmt("yyyy-MM-dd/HH"));
        keepPerPeriod(sorted, keep, spec.getOrDefault("keep-daily", 0), fmt("yyyy-MM-dd"));
        keepPerPeriod(
                sorted,
                keep,
                spec.getOrDefault("keep-weekly", 0),
                t -> t.get(IsoFields.WEEK_BASED_YEAR) + "/" + t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        keepPerPeriod(sorted, keep, spec.getOrDefault("keep-monthly", 0), fmt("yyyy/MM"));
        keepPerPeriod(sorted, keep, spec.getOrDefault("keep-yearly", 0), fmt("yyyy"));
        List<Volume> remove = new ArrayList<>();
        for (Volume v : sorted) {
            if (!keep.contains(v) && !v.isProtected) {
                remove.add(v);
            }
        }
        return remove;
    }

    private static Function<ZonedDateTime, String> fmt(String pattern) {
        DateTimeFormatter f = DateTimeFormatter.ofPattern(pattern);
        return f::format;
    }

    private static void keepPerPeriod(
            List<Volume> sorted, Set<Volume> keep, int count, Function<ZonedDateTime, String> period) {
        if (count <= 0) {
            return;
        }
        Set<String> already = new HashSet<>();
        for (Volume v : sorted) {
            if (keep.contains(v)) {
                already.add(periodOf(v, period));
            }
        }
        Set<String> added = new HashSet<>();
        for (Volume v : sorted) {
            String p = periodOf(v, period);
            if (keep.contains(v) || already.contains(p) || added.contains(p)) {
                continue;
            }
            if (added.size() >= count) {
                break;
            }
            added.add(p);
            keep.add(v);
        }
    }

    private static String periodOf(Volume v, Function<ZonedDateTime, String> period) {
        return period.apply(ZonedDateTime.ofInstant(Instant.ofEpochSecond(v.ctime), ZoneOffset.UTC));
    }
}
