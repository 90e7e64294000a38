package dev.underlay.proxmox.calendar;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The messages end up in a Kubernetes condition: each must name the bad part and where it is. */
class CalendarEventInvalidTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            25:00               | 1  | hour "25" is out of range 0..23
            02:61               | 4  | minute "61" is out of range 0..59
            12:05:60            | 7  | second "60" is out of range 0..59
            mnday 02:00         | 1  | invalid weekday "mnday"
            mon..funday 02:00   | 6  | invalid weekday "funday"
            mon,,fri            | 5  | missing weekday
            mon..               | 6  | missing weekday
            mon02:00            | 1  | invalid weekday "mon02:00"
            *-13-01             | 3  | month "13" is out of range 1..12
            *-00-01             | 3  | month "00" is out of range 1..12
            *-02-32             | 6  | day "32" is out of range 1..31
            2200-01-01          | 1  | year "2200" is out of range 0..2199
            2/0                 | 3  | step "0" must be 1..59
            */0                 | 3  | step "0" must be 1..59
            0/60                | 3  | step "60" must be 1..59
            */2:0/              | 7  | missing step
            10..5:00            | 1  | hour range "10..5" runs backwards
            12:*5               | 4  | invalid minute "*5"
            12.5                | 1  | invalid minute "12.5"
            1,,2                | 3  | missing minute
            99999999999         | 1  | minute "99999999999" is out of range 0..59
            1:2:3:4             | 1  | invalid time "1:2:3:4" (expected [HOUR:]MINUTE[:SECOND])
            1-2-3-4             | 1  | invalid date "1-2-3-4" (expected [YEAR-]MONTH-DAY)
            02:00 mon           | 7  | unexpected "mon" (weekdays come first)
            02:00 *-*-01        | 7  | unexpected "*-*-01" (the date comes before the time)
            mon 02:00 03:00     | 11 | unexpected "03:00"
            02:00 utc           | 7  | unexpected "utc" (write UTC in capitals)
            UTC                 | 1  | expected a date or time before "UTC"
            daily 02:00         | 1  | "daily" cannot be combined with other parts
            Daily               | 1  | unknown keyword "Daily" (keywords are lower case)
            """)
    void messageNamesTheOffendingPartAndItsPosition(String expression, int position, String problem) {
        CalendarEventException e =
                catchThrowableOfType(CalendarEventException.class, () -> CalendarEvent.parse(expression));
        assertThat(e).as(expression).isNotNull();
        assertThat(e).hasMessage(problem + " at position " + position + " in \"" + expression + "\"");
        assertThat(e.position()).isEqualTo(position);
        assertThat(e.expression()).isEqualTo(expression);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t"})
    void emptySchedule(String expression) {
        CalendarEventException e =
                catchThrowableOfType(CalendarEventException.class, () -> CalendarEvent.parse(expression));
        assertThat(e).hasMessage("the schedule is empty");
        assertThat(e.position()).isZero();
    }
}
