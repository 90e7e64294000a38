package dev.underlay.simulator.pve.api;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The common subset of systemd-style calendar events PVE backup schedules use:
 * {@code [dow[,dow|dow..dow]] hour[,hour]:minute}, {@code *} as hour, and {@code daily},
 * {@code hourly}, {@code weekly}. Anything else has no computed next run (simulator limit).
 */
final class CalendarEvents {

    private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    private CalendarEvents() {}

    static Optional<Instant> next(String schedule, Instant after) {
        String s = schedule.trim().toLowerCase(Locale.ROOT);
        if (s.equals("daily")) {
            s = "00:00";
        } else if (s.equals("hourly")) {
            s = "*:00";
        } else if (s.equals("weekly")) {
            s = "mon 00:00";
        }
        String[] parts = s.split("\\s+");
        Set<DayOfWeek> days = EnumSet.allOf(DayOfWeek.class);
        String time = parts[parts.length - 1];
        if (parts.length == 2) {
            days = parseDays(parts[0]);
        } else if (parts.length > 2) {
            return Optional.empty();
        }
        int colon = time.indexOf(':');
        if (days == null || colon < 0 || !time.substring(colon + 1).matches("\\d{1,2}")) {
            return Optional.empty();
        }
        int minute = Integer.parseInt(time.substring(colon + 1));
        Set<Integer> hours = new HashSet<>();
        String hourText = time.substring(0, colon);
        if (hourText.equals("*")) {
            for (int h = 0; h < 24; h++) {
                hours.add(h);
            }
        } else {
            for (String h : hourText.split(",")) {
                if (!h.matches("\\d{1,2}")) {
                    return Optional.empty();
                }
                hours.add(Integer.parseInt(h));
            }
        }
        ZonedDateTime t = ZonedDateTime.ofInstant(after, ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.MINUTES)
                .plusMinutes(1);
        for (int i = 0; i < 8 * 24 * 60; i++) {
            if (days.contains(t.getDayOfWeek()) && hours.contains(t.getHour()) && t.getMinute() == minute) {
                return Optional.of(t.toInstant());
            }
            t = t.plusMinutes(1);
        }
        return Optional.empty();
    }

    private static Set<DayOfWeek> parseDays(String spec) {
        Set<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
        for (String item : spec.split(",")) {
            String[] range = item.split("\\.\\.");
            int from = DAYS.indexOf(range[0]);
            int to = DAYS.indexOf(range[range.length - 1]);
            if (from < 0 || to < 0) {
                return null;
            }
            for (int d = from; d <= to; d++) {
                out.add(DayOfWeek.of(d + 1));
            }
        }
        return out;
    }
}
