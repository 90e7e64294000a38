package dev.underlay.proxmox.calendar;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Properties that hold for every example schedule, checked over bounded stretches of time. */
class CalendarEventPropertiesTest {

    static final List<ExampleSchedules.Example> EXAMPLES = ExampleSchedules.ALL;

    private static final ZonedDateTime UTC_START = ExampleSchedules.AFTER.withZoneSameInstant(ZoneOffset.UTC);
    private static final ZonedDateTime LEAP_MONTH_END = ZonedDateTime.parse("2028-02-25T21:00:00Z");

    /** Starting points that cross both Berlin DST changes, a leap day and a year end. */
    private static final List<ZonedDateTime> STARTS = List.of(
            ExampleSchedules.AFTER,
            ZonedDateTime.parse("2026-10-24T20:00:00+02:00[Europe/Berlin]"),
            ZonedDateTime.parse("2028-12-30T12:34:56.789+01:00[Europe/Berlin]"),
            LEAP_MONTH_END);

    @ParameterizedTest(name = "{0}")
    @FieldSource("EXAMPLES")
    void runsIncreaseStrictlyAndEachMatches(ExampleSchedules.Example example) {
        CalendarEvent event = CalendarEvent.parse(example.expression());
        for (ZonedDateTime start : STARTS) {
            ZonedDateTime previous = start;
            for (ZonedDateTime run : chain(event, start, start.plusYears(30), 300)) {
                assertThat(run).as("%s after %s", example, previous).isAfter(previous);
                assertThat(event.matches(run)).as("%s matches %s", example, run).isTrue();
                previous = run;
            }
        }
    }

    /** In UTC every wall-clock time is unique, so next() must find exactly the times matches() accepts. */
    @ParameterizedTest(name = "{0}")
    @FieldSource("EXAMPLES")
    void nextFindsEveryMatchingTimeAndNothingElse(ExampleSchedules.Example example) {
        CalendarEvent event = CalendarEvent.parse(example.expression());
        for (ZonedDateTime start : List.of(UTC_START, LEAP_MONTH_END)) {
            assertThat(chain(event, start, start.plusHours(2), 10_000))
                    .as("%s, every second for two hours after %s", example, start)
                    .isEqualTo(scan(event, start, start.plusHours(2), Duration.ofSeconds(1)));
            // A schedule with seconds fills the run limit before eight days; compare up to its last run then.
            List<ZonedDateTime> runs = chain(event, start, start.plusDays(8), 20_000);
            ZonedDateTime end = runs.size() == 20_000 ? runs.get(runs.size() - 1) : start.plusDays(8);
            assertThat(runs.stream().filter(t -> t.getSecond() == 0).toList())
                    .as("%s, every minute until %s after %s", example, end, start)
                    .isEqualTo(scan(event, start, end, Duration.ofMinutes(1)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("EXAMPLES")
    void noGapBetweenRunsExceedsThePeriod(ExampleSchedules.Example example) {
        CalendarEvent event = CalendarEvent.parse(example.expression());
        Optional<Duration> period = event.period();
        List<ZonedDateTime> runs = chain(event, UTC_START, UTC_START.plusYears(30), 200);
        if (period.isEmpty()) {
            assertThat(runs).as(example.expression()).hasSizeLessThanOrEqualTo(1);
            return;
        }
        for (int i = 1; i < runs.size(); i++) {
            assertThat(Duration.between(runs.get(i - 1), runs.get(i)))
                    .as("%s from %s", example, runs.get(i - 1))
                    .isLessThanOrEqualTo(period.get());
        }
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("EXAMPLES")
    void normalisedFormParsesBackToTheSameSchedule(ExampleSchedules.Example example) {
        CalendarEvent event = CalendarEvent.parse(example.expression());
        CalendarEvent again = CalendarEvent.parse(event.toString());
        assertThat(again).isEqualTo(event).hasToString(event.toString());
        assertThat(again.next(ExampleSchedules.AFTER)).isEqualTo(event.next(ExampleSchedules.AFTER));
    }

    private static List<ZonedDateTime> chain(CalendarEvent event, ZonedDateTime start, ZonedDateTime end, int max) {
        List<ZonedDateTime> out = new ArrayList<>();
        ZonedDateTime t = start;
        while (out.size() < max) {
            Optional<ZonedDateTime> next = event.next(t);
            if (next.isEmpty() || next.get().isAfter(end)) {
                break;
            }
            t = next.get();
            out.add(t);
        }
        return out;
    }

    /** Every tick from the first whole {@code step} after {@code start} to {@code end} that matches. */
    private static List<ZonedDateTime> scan(
            CalendarEvent event, ZonedDateTime start, ZonedDateTime end, Duration step) {
        List<ZonedDateTime> out = new ArrayList<>();
        long stepSeconds = step.toSeconds();
        long first = Math.floorDiv(start.toEpochSecond(), stepSeconds) * stepSeconds + stepSeconds;
        for (long s = first; s <= end.toEpochSecond(); s += stepSeconds) {
            ZonedDateTime t = ZonedDateTime.ofInstant(Instant.ofEpochSecond(s), start.getZone());
            if (event.matches(t)) {
                out.add(t);
            }
        }
        return out;
    }
}
