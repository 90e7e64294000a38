package dev.underlay.proxmox.calendar;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.underlay.proxmox.calendar.ExampleSchedules.AFTER;
import static dev.underlay.proxmox.calendar.ExampleSchedules.BERLIN;
import static org.assertj.core.api.Assertions.assertThat;

class CalendarEventTest {

    static final List<ExampleSchedules.Example> EXAMPLES = ExampleSchedules.ALL;

    static List<String> runs(String expression, ZonedDateTime after, int count) {
        CalendarEvent event = CalendarEvent.parse(expression);
        List<String> out = new ArrayList<>();
        ZonedDateTime t = after;
        for (int i = 0; i < count; i++) {
            Optional<ZonedDateTime> next = event.next(t);
            if (next.isEmpty()) {
                break;
            }
            t = next.get();
            out.add(t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("EXAMPLES")
    void documentedExamplesRunWhenExpected(ExampleSchedules.Example example) {
        // Rows list five runs; a row with fewer is a schedule that ends there.
        assertThat(runs(example.expression(), AFTER, 5)).isEqualTo(example.runs());
    }

    @Test
    void nextIsStrictlyAfterEvenWhenStartingOnARun() {
        ZonedDateTime onRun = ZonedDateTime.of(2026, 3, 28, 2, 0, 0, 0, BERLIN);
        assertThat(runs("02:00", onRun, 1)).containsExactly("2026-03-30T02:00:00+02:00");
        assertThat(runs("02:00", onRun.minusNanos(1), 1)).containsExactly("2026-03-28T02:00:00+01:00");
    }

    @Test
    void resultIsInTheCallersZone() {
        ZonedDateTime after = AFTER.withZoneSameInstant(ZoneOffset.UTC);
        assertThat(runs("02:00 UTC", after, 1)).containsExactly("2026-03-28T02:00:00Z");
        assertThat(CalendarEvent.parse("02:00").next(AFTER).orElseThrow().getZone())
                .isEqualTo(BERLIN);
    }

    /** Clocks go back from 03:00 CEST to 02:00 CET on 2026-10-25; same results as systemd 252. */
    @Test
    void repeatedWallClockTimesFireOnceAtTheirFirstOccurrence() {
        ZonedDateTime before = ZonedDateTime.parse("2026-10-25T01:45:00+02:00[Europe/Berlin]");
        assertThat(runs("*:0/30", before, 5))
                .containsExactly(
                        "2026-10-25T02:00:00+02:00",
                        "2026-10-25T02:30:00+02:00",
                        "2026-10-25T03:00:00+01:00",
                        "2026-10-25T03:30:00+01:00",
                        "2026-10-25T04:00:00+01:00");
        assertThat(runs("02:30", before, 2)).containsExactly("2026-10-25T02:30:00+02:00", "2026-10-26T02:30:00+01:00");
    }

    @Test
    void searchFromInsideTheRepeatedHourContinuesFromItsWallClockTime() {
        ZonedDateTime secondPass = ZonedDateTime.parse("2026-10-25T02:10:00+01:00[Europe/Berlin]");
        assertThat(runs("02:20", secondPass, 2))
                .containsExactly("2026-10-25T02:20:00+01:00", "2026-10-26T02:20:00+01:00");
        ZonedDateTime firstPass = ZonedDateTime.parse("2026-10-25T02:40:00+02:00[Europe/Berlin]");
        assertThat(runs("02:20", firstPass, 1)).containsExactly("2026-10-26T02:20:00+01:00");
    }

    @Test
    void timesInTheSpringGapAreSkippedThatDay() {
        ZonedDateTime before = ZonedDateTime.parse("2026-03-29T01:50:00+01:00[Europe/Berlin]");
        assertThat(runs("*:0/30", before, 3))
                .containsExactly("2026-03-29T03:00:00+02:00", "2026-03-29T03:30:00+02:00", "2026-03-29T04:00:00+02:00");
        assertThat(runs("*:*:*", before.plusMinutes(9).plusSeconds(59), 2))
                .containsExactly("2026-03-29T03:00:00+02:00", "2026-03-29T03:00:01+02:00");
    }

    @Test
    void impossibleDatesGiveUpQuickly() {
        long start = System.nanoTime();
        assertThat(CalendarEvent.parse("*-02-30").next(AFTER)).isEmpty();
        assertThat(CalendarEvent.parse("*-04-31 12:00").next(AFTER)).isEmpty();
        assertThat(CalendarEvent.parse("2199-12-31 23:59:59").next(AFTER)).isPresent();
        assertThat(CalendarEvent.parse("*-*-* *:*:*")
                        .next(AFTER.withYear(2199)
                                .withMonth(12)
                                .withDayOfMonth(31)
                                .withHour(23)
                                .withMinute(59)
                                .withSecond(59)))
                .isEmpty();
        // Generous for a loaded CI machine; a minute-by-minute search over 173 years would take far longer.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            02:00                  | PT24H
            daily                  | PT24H
            sun 03:00              | PT168H
            weekly                 | PT168H
            *-*-01 04:00           | PT744H
            monthly                | PT744H
            mon..fri 22:30         | PT72H
            */15                   | PT15M
            hourly                 | PT1H
            *:*:*                  | PT1S
            mon..fri 8..17,22:0/15 | PT57H15M
            12,14,16,18,20,22:5    | PT14H
            sat *-1..7 15:00       | PT840H
            quarterly              | PT2208H
            yearly                 | PT8784H
            *-02-29                | PT70104H
            """)
    void periodIsTheLongestGapBetweenRuns(String expression, Duration period) {
        assertThat(CalendarEvent.parse(expression).period()).contains(period);
    }

    @ParameterizedTest
    @CsvSource({"2015-10-21", "*-02-30", "2020-02-29 12:00"})
    void periodIsEmptyForSchedulesThatFireAtMostOnce(String expression) {
        assertThat(CalendarEvent.parse(expression).period()).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            02:00                  | *-*-* 02:00:00
            sun 03:00              | Sun *-*-* 03:00:00
            */15                   | *-*-* *:00/15:00
            mon,tue,wed 30/10      | Mon..Wed *-*-* *:30/10:00
            sat,sun                | Sat,Sun *-*-* 00:00:00
            fri..mon 02:00         | Mon,Fri..Sun *-*-* 02:00:00
            sat *-1..7 15:00       | Sat *-*-01..07 15:00:00
            weekly                 | Mon *-*-* 00:00:00
            quarterly              | *-01,04,07,10-01 00:00:00
            2015-10-21             | 2015-10-21 00:00:00
            Tuesday 5:3:7 UTC      | Tue *-*-* 05:03:07 UTC
            """)
    void normalisedForm(String expression, String normalised) {
        CalendarEvent event = CalendarEvent.parse(expression);
        assertThat(event).hasToString(normalised);
        assertThat(CalendarEvent.parse(normalised)).isEqualTo(event).hasToString(normalised);
    }

    @Test
    void equalWhenFiringAtTheSameTimes() {
        assertThat(CalendarEvent.parse("mon,tue,wed 0/15"))
                .isEqualTo(CalendarEvent.parse("mon..wed *:00,15,30,45"))
                .hasSameHashCodeAs(CalendarEvent.parse("mon..wed *:00,15,30,45"))
                .isNotEqualTo(CalendarEvent.parse("mon..wed *:00,15,30,45 UTC"))
                .isNotEqualTo(CalendarEvent.parse("mon..thu 0/15"));
        assertThat(CalendarEvent.parse("daily")).isEqualTo(CalendarEvent.parse("mon..sun 0:0"));
    }

    @Test
    void surroundingWhitespaceIsIgnoredAsPveTrimsIt() {
        assertThat(CalendarEvent.parse("  sun   03:00\t")).isEqualTo(CalendarEvent.parse("sun 03:00"));
    }

    @Test
    void matchesIsExactToTheSecond() {
        CalendarEvent event = CalendarEvent.parse("sun 03:00");
        ZonedDateTime run = ZonedDateTime.parse("2026-03-29T03:00:00+02:00[Europe/Berlin]");
        assertThat(event.matches(run)).isTrue();
        assertThat(event.matches(run.plusSeconds(1))).isFalse();
        assertThat(event.matches(run.plusNanos(1))).isFalse();
        assertThat(event.matches(run.plusDays(1))).isFalse();
        assertThat(CalendarEvent.parse("03:00 UTC").matches(run)).isFalse();
        assertThat(CalendarEvent.parse("01:00 UTC").matches(run)).isTrue();
    }
}
