package dev.underlay.proxmox.calendar;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The days of the week an event may fire on; all seven when the expression names none. */
final class Weekdays {

    private static final Map<String, DayOfWeek> NAMES = Map.ofEntries(
            Map.entry("mon", DayOfWeek.MONDAY),
            Map.entry("monday", DayOfWeek.MONDAY),
            Map.entry("tue", DayOfWeek.TUESDAY),
            Map.entry("tuesday", DayOfWeek.TUESDAY),
            Map.entry("wed", DayOfWeek.WEDNESDAY),
            Map.entry("wednesday", DayOfWeek.WEDNESDAY),
            Map.entry("thu", DayOfWeek.THURSDAY),
            Map.entry("thursday", DayOfWeek.THURSDAY),
            Map.entry("fri", DayOfWeek.FRIDAY),
            Map.entry("friday", DayOfWeek.FRIDAY),
            Map.entry("sat", DayOfWeek.SATURDAY),
            Map.entry("saturday", DayOfWeek.SATURDAY),
            Map.entry("sun", DayOfWeek.SUNDAY),
            Map.entry("sunday", DayOfWeek.SUNDAY));

    private static final Weekdays ALL = new Weekdays(EnumSet.allOf(DayOfWeek.class), false);

    private final Set<DayOfWeek> days;
    /** False when the expression had no weekday part, so the normalised form has none either. */
    private final boolean written;

    private Weekdays(Set<DayOfWeek> days, boolean written) {
        this.days = days;
        this.written = written;
    }

    static Weekdays all() {
        return ALL;
    }

    static Weekdays of(Set<DayOfWeek> days) {
        return new Weekdays(EnumSet.copyOf(days), true);
    }

    /** Accepts the three-letter and the full English names in any letter case, as PVE does. */
    static Optional<DayOfWeek> byName(String name) {
        return Optional.ofNullable(NAMES.get(name.toLowerCase(Locale.ROOT)));
    }

    /**
     * The days from {@code first} to {@code last}. A range may wrap past Sunday ({@code fri..mon}): PVE accepts
     * that, systemd does not.
     */
    static Set<DayOfWeek> range(DayOfWeek first, DayOfWeek last) {
        Set<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
        DayOfWeek d = first;
        for (int i = 0; i < 7; i++) {
            out.add(d);
            if (d == last) {
                break;
            }
            d = d.plus(1);
        }
        return out;
    }

    boolean contains(DayOfWeek day) {
        return days.contains(day);
    }

    boolean isWritten() {
        return written;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Weekdays other && days.equals(other.days);
    }

    @Override
    public int hashCode() {
        return days.hashCode();
    }

    /** systemd's spelling: runs of three or more days as a range, shorter runs listed ({@code Mon..Fri}, {@code Sat,Sun}). */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        int d = 1;
        while (d <= 7) {
            if (!days.contains(DayOfWeek.of(d))) {
                d++;
                continue;
            }
            int end = d;
            while (end < 7 && days.contains(DayOfWeek.of(end + 1))) {
                end++;
            }
            if (end - d >= 2) {
                parts.add(shortName(d) + ".." + shortName(end));
            } else {
                for (int i = d; i <= end; i++) {
                    parts.add(shortName(i));
                }
            }
            d = end + 1;
        }
        return String.join(",", parts);
    }

    private static String shortName(int isoDay) {
        String name = DayOfWeek.of(isoDay).name();
        return name.charAt(0) + name.substring(1, 3).toLowerCase(Locale.ROOT);
    }
}
