package dev.underlay.proxmox.calendar;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Computes {@link CalendarEvent#period()} without enumerating runs. Every matching day has the same times
 * of day, so the longest gap is either the longest gap between two times on one day, or the longest gap
 * between two consecutive matching days minus the span from the first to the last time of a day.
 */
final class LargestGap {

    private static final int FIRST_YEAR = 1970;
    private static final long SECONDS_PER_DAY = 86_400;

    private LargestGap() {}

    static Optional<Duration> of(CalendarEvent event) {
        long firstTime = -1;
        long lastTime = -1;
        long longestWithinDay = 0;
        for (int h = event.hours().first(); h >= 0; h = event.hours().nextFrom(h + 1)) {
            for (int m = event.minutes().first(); m >= 0; m = event.minutes().nextFrom(m + 1)) {
                for (int s = event.seconds().first();
                        s >= 0;
                        s = event.seconds().nextFrom(s + 1)) {
                    long t = h * 3600L + m * 60L + s;
                    if (firstTime < 0) {
                        firstTime = t;
                    } else {
                        longestWithinDay = Math.max(longestWithinDay, t - lastTime);
                    }
                    lastTime = t;
                }
            }
        }
        long previousDay = Long.MIN_VALUE;
        long longestBetweenDays = 0;
        int matchingDays = 0;
        for (int y = event.years().nextFrom(FIRST_YEAR);
                y >= 0;
                y = event.years().nextFrom(y + 1)) {
            LocalDate end = LocalDate.of(y + 1, 1, 1);
            for (LocalDate d = LocalDate.of(y, 1, 1); d.isBefore(end); d = d.plusDays(1)) {
                if (!event.matchesDate(d)) {
                    continue;
                }
                long epochDay = d.toEpochDay();
                if (matchingDays > 0) {
                    longestBetweenDays = Math.max(longestBetweenDays, epochDay - previousDay);
                }
                previousDay = epochDay;
                matchingDays++;
            }
        }
        boolean severalPerDay = lastTime > firstTime;
        if (matchingDays == 0 || (matchingDays == 1 && !severalPerDay)) {
            return Optional.empty();
        }
        long gap = longestWithinDay;
        if (matchingDays > 1) {
            gap = Math.max(gap, longestBetweenDays * SECONDS_PER_DAY - (lastTime - firstTime));
        }
        return Optional.of(Duration.ofSeconds(gap));
    }
}
