package dev.underlay.proxmox.calendar;

import dev.underlay.api.v1alpha1.common.ValidationPatterns;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The BackupPolicy CRD checks schedules with a pattern before the controller parses them; the two must not
 * disagree on a schedule a user could reasonably write, or the API server would refuse a valid schedule.
 */
class CalendarEventCrdPatternTest {

    static final List<ExampleSchedules.Example> EXAMPLES = ExampleSchedules.ALL;

    private static final Pattern CRD = Pattern.compile(ValidationPatterns.PVE_CALENDAR_EVENT);

    @ParameterizedTest(name = "{0}")
    @FieldSource("EXAMPLES")
    void theCrdPatternAdmitsEveryExample(ExampleSchedules.Example example) {
        assertThat(CRD.matcher(example.expression()).matches())
                .as(example.expression())
                .isTrue();
    }

    /** A pattern cannot compare two numbers; the controller's parse reports these as InvalidSpec. */
    @ParameterizedTest
    @ValueSource(strings = {"10..5:00", "mon *-12..1-01"})
    void onlyTheParserCatchesBackwardRanges(String expression) {
        assertThat(CRD.matcher(expression).matches()).isTrue();
        assertThatThrownBy(() -> CalendarEvent.parse(expression))
                .isInstanceOf(CalendarEventException.class)
                .hasMessageContaining("runs backwards");
    }
}
