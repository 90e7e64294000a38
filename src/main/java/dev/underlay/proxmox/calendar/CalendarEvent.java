package dev.underlay.proxmox.calendar;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Proxmox VE schedule ("calendar event", the {@code schedule} of a backup or replication job):
 * {@code [WEEKDAYS] [[YEARS-]MONTHS-DAYS] [[HOURS:]MINUTES[:SECONDS]] [UTC]}, or one of the keywords
 * {@code minutely hourly daily weekly monthly yearly annually quarterly semiannually semi-annually}.
 *
 * <p>The grammar is PVE's (its Rust {@code proxmox-time} crate, which PVE 7 and later use), a subset of
 * systemd's calendar events with these differences:
 *
 * <ul>
 *   <li>A time without {@code :} is minutes of every hour: {@code *}{@code /15} is every quarter hour,
 *       {@code mon..wed 30/10} is :30, :40 and :50 of every hour (systemd needs {@code *:0/15}).
 *   <li>Weekday ranges may wrap past Sunday: {@code fri..mon}.
 *   <li>Seconds are part of the grammar and are honoured here, as by PVE's parser; fractional seconds,
 *       time zones other than a trailing {@code UTC}, and systemd's {@code ~} (last days of the month) are
 *       not.
 * </ul>
 *
 * <p>Where PVE is more lenient than systemd in ways that only hide typos, this parser refuses: a step of 0
 * ({@code 2/0}), month or day 0, a missing space ({@code mon02:00}), keywords in upper case. Everything it
 * accepts, PVE accepts too, so a schedule checked here is never rejected by the PVE API.
 *
 * <p>Instances are immutable and thread-safe; two are equal when they fire at the same times.
 */
public final class CalendarEvent {

    /** Far above what a search can take (a few per month up to 2199); a guard, never a limit in practice. */
    private static final int MAX_SEARCH_STEPS = 100_000;

    private final Weekdays weekdays;
    private final FieldValues years;
    private final FieldValues months;
    private final FieldValues days;
    private final FieldValues hours;
    private final FieldValues minutes;
    private final FieldValues seconds;
    private final boolean utc;
    private volatile Optional<Duration> period;

    CalendarEvent(
            Weekdays weekdays,
            FieldValues years,
            FieldValues months,
            FieldValues days,
            FieldValues hours,
            FieldValues minutes,
            FieldValues seconds,
            boolean utc) {
        this.weekdays = weekdays;
        this.years = years;
        this.months = months;
        this.days = days;
        this.hours = hours;
        this.minutes = minutes;
        this.seconds = seconds;
        this.utc = utc;
    }

    /**
     * Parses a schedule; surrounding whitespace is ignored, as PVE trims it.
     *
     * @throws CalendarEventException naming the offending part and its position
     */
    public static CalendarEvent parse(String expression) {
        return new CalendarEventParser(Objects.requireNonNull(expression, "expression")).parse();
    }

    /**
     * The first run strictly after {@code after}, in {@code after}'s zone (or in UTC when the schedule ends in
     * {@code UTC}; the result is still expressed in {@code after}'s zone). Empty when the schedule never fires
     * again before 2200, such as {@code 2015-10-21} or {@code *-02-30}.
     *
     * <p>Times are wall-clock times, and daylight saving time is handled as systemd does: a time that does
     * not exist on a day (02:30 when clocks jump from 02:00 to 03:00) is skipped that day, and a time that
     * occurs twice (02:30 when clocks go back) fires once, at its first occurrence. Searching from a moment
     * inside the repeated hour continues from that moment's wall-clock time.
     */
    public Optional<ZonedDateTime> next(ZonedDateTime after) {
        ZoneId zone = utc ? ZoneOffset.UTC : after.getZone();
        ZoneRules rules = zone.getRules();
        LocalDateTime wall = after.withZoneSameInstant(zone)
                .toLocalDateTime()
                .truncatedTo(ChronoUnit.SECONDS)
                .plusSeconds(1);
        for (int step = 0; step < MAX_SEARCH_STEPS && wall.getYear() <= Field.YEAR.max; step++) {
            Optional<LocalDateTime> slot = firstSlotFrom(wall);
            if (slot.isEmpty()) {
                return Optional.empty();
            }
            LocalDateTime local = slot.get();
            List<ZoneOffset> offsets = rules.getValidOffsets(local);
            if (offsets.isEmpty()) {
                wall = rules.getTransition(local).getDateTimeAfter();
                continue;
            }
            ZonedDateTime run = ZonedDateTime.ofLocal(local, zone, null);
            if (!run.isAfter(after)) {
                run = run.withLaterOffsetAtOverlap();
            }
            if (run.isAfter(after)) {
                return Optional.of(run.withZoneSameInstant(after.getZone()));
            }
            wall = local.plusSeconds(1);
        }
        return Optional.empty();
    }

    /**
     * Whether {@code time}'s wall-clock time (in its zone, or UTC for a {@code UTC} schedule) is one the
     * schedule names, to the second. Both occurrences of a repeated wall-clock time match, although
     * {@link #next} returns only the first.
     */
    public boolean matches(ZonedDateTime time) {
        LocalDateTime local = utc ? time.withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime() : time.toLocalDateTime();
        return local.getNano() == 0
                && matchesDate(local.toLocalDate())
                && hours.contains(local.getHour())
                && minutes.contains(local.getMinute())
                && seconds.contains(local.getSecond());
    }

    /**
     * The longest wait between two consecutive runs, over all runs from 1970 to 2199, counted in wall-clock
     * time (a DST change does not lengthen or shorten it): {@code 02:00} is 1 day, {@code sun 03:00} 7 days,
     * {@code *-*-01 04:00} 31 days, {@code mon..fri 22:30} 3 days, {@code *-02-29} 8 years (2096 to 2104).
     * "No run succeeded within twice this" is a fair sign that runs are being missed. Empty when the schedule
     * fires at most once in that span.
     */
    public Optional<Duration> period() {
        Optional<Duration> p = period;
        if (p == null) {
            p = LargestGap.of(this);
            period = p;
        }
        return p;
    }

    /** True when the schedule ends in {@code UTC} and so ignores the zone it is evaluated in. */
    public boolean isUtc() {
        return utc;
    }

    /**
     * The first matching wall-clock time at or after {@code start}, ignoring time zones. Each step moves to
     * the start of the next candidate year, month, day, hour, minute or second, so the search takes a few
     * steps per month it passes, never one per minute.
     */
    private Optional<LocalDateTime> firstSlotFrom(LocalDateTime start) {
        LocalDateTime t = start;
        for (int step = 0; step < MAX_SEARCH_STEPS; step++) {
            int year = years.nextFrom(t.getYear());
            if (year < 0) {
                return Optional.empty();
            }
            if (year != t.getYear()) {
                t = LocalDate.of(year, 1, 1).atStartOfDay();
                continue;
            }
            int month = months.nextFrom(t.getMonthValue());
            if (month < 0) {
                t = LocalDate.of(year + 1, 1, 1).atStartOfDay();
                continue;
            }
            if (month != t.getMonthValue()) {
                t = LocalDate.of(year, month, 1).atStartOfDay();
                continue;
            }
            LocalDate day = matchingDayInMonth(t.toLocalDate());
            if (day == null) {
                t = t.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay();
                continue;
            }
            if (!day.equals(t.toLocalDate())) {
                t = day.atStartOfDay();
                continue;
            }
            int hour = hours.nextFrom(t.getHour());
            if (hour < 0) {
                t = day.plusDays(1).atStartOfDay();
                continue;
            }
            if (hour != t.getHour()) {
                t = day.atTime(hour, 0);
                continue;
            }
            int minute = minutes.nextFrom(t.getMinute());
            if (minute < 0) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
                continue;
            }
            if (minute != t.getMinute()) {
                t = t.withMinute(minute).withSecond(0);
                continue;
            }
            int second = seconds.nextFrom(t.getSecond());
            if (second < 0) {
                t = t.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
                continue;
            }
            return Optional.of(t.withSecond(second));
        }
        return Optional.empty();
    }

    /** The first day from {@code from} to the end of its month whose day and weekday both match, or null. */
    private LocalDate matchingDayInMonth(LocalDate from) {
        int length = from.lengthOfMonth();
        for (int d = days.nextFrom(from.getDayOfMonth()); d > 0 && d <= length; d = days.nextFrom(d + 1)) {
            LocalDate candidate = from.withDayOfMonth(d);
            if (weekdays.contains(candidate.getDayOfWeek())) {
                return candidate;
            }
        }
        return null;
    }

    boolean matchesDate(LocalDate date) {
        return years.contains(date.getYear())
                && months.contains(date.getMonthValue())
                && days.contains(date.getDayOfMonth())
                && weekdays.contains(date.getDayOfWeek());
    }

    FieldValues years() {
        return years;
    }

    FieldValues hours() {
        return hours;
    }

    FieldValues minutes() {
        return minutes;
    }

    FieldValues seconds() {
        return seconds;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CalendarEvent other
                && utc == other.utc
                && weekdays.equals(other.weekdays)
                && years.equals(other.years)
                && months.equals(other.months)
                && days.equals(other.days)
                && hours.equals(other.hours)
                && minutes.equals(other.minutes)
                && seconds.equals(other.seconds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(weekdays, years, months, days, hours, minutes, seconds, utc);
    }

    /**
     * The normalised form, as systemd prints it ({@code Mon..Fri *-*-* 22:30:00}); PVE and systemd both
     * accept it, except where PVE's own syntax has no systemd equivalent (a wrapping weekday range comes out
     * as a list, which both accept).
     */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        if (weekdays.isWritten()) {
            out.append(weekdays).append(' ');
        }
        out.append(years).append('-').append(months).append('-').append(days);
        out.append(' ').append(hours).append(':').append(minutes).append(':').append(seconds);
        if (utc) {
            out.append(" UTC");
        }
        return out.toString();
    }
}
