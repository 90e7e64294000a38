package dev.underlay.proxmox.calendar;

import dev.underlay.testing.ExternalTools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compares next runs and normalised forms with {@code systemd-analyze calendar} (Debian package systemd;
 * {@code --base-time} exists since systemd 249, Debian 12 has 252), from fixed base times so the comparison
 * is exact: in UTC, and in Europe/Berlin across both daylight-saving changes of 2026 and from inside the
 * repeated hour.
 *
 * <p>systemd needs an hour in every time, so PVE's minutes-only forms are translated: {@code *}{@code /15}
 * and {@code 0/15} become {@code *:0/15}, {@code *} becomes {@code *:*}, {@code mon..wed 30/10} becomes
 * {@code mon..wed *:30/10}, and {@code mon..fri 22} (minute 22 of every hour, although PVE's documentation
 * reads it as 22:00) becomes {@code mon..fri *:22}. systemd also refuses {@code *} with a step in the hour
 * ({@code *}{@code /2:0}), so that becomes {@code 0/2:0}. Left out, because systemd has no equivalent: weekday
 * ranges that wrap past Sunday ({@code fri..mon}) and years before 1970 ({@code 1965/5-01-01}).
 */
class CalendarEventSystemdOracleTest {

    private static final int RUNS = 10;
    private static final Instant SPRING = Instant.parse("2026-03-27T09:17:23Z");
    private static final Instant AUTUMN = Instant.parse("2026-10-24T23:45:00Z");
    /** 02:10 CET, the second time Berlin's clocks show 02:10 that night. */
    private static final Instant REPEATED_HOUR = Instant.parse("2026-10-25T01:10:00Z");

    /** PVE schedule | the same schedule for systemd, when it differs. */
    private static final String SCHEDULES = """
            02:00                       |
            sun 03:00                   |
            *-*-01 04:00                |
            mon..fri 22:30              |
            */15                        | *:0/15
            0/15                        | *:0/15
            sat *-1..7 15:00            |
            Sat *-1..7 15:00            |
            mon..wed 30/10              | mon..wed *:30/10
            mon,tue,wed 30/10           | mon,tue,wed *:30/10
            12,14,16,18,20,22:5         |
            12/2:5                      |
            mon,tue,wed,thu,fri         |
            sat..sun                    |
            mon,wed,fri                 |
            12:05                       |
            mon..fri 8..17,22:0/15      |
            fri 12..13:5/20             |
            *                           | *:*
            */1                         | *:0/1
            *-05                        |
            2015-10-21                  |
            */2:0                       | 0/2:0
            8:00/15                     |
            minutely                    |
            hourly                      |
            daily                       |
            weekly                      |
            monthly                     |
            yearly                      |
            annually                    |
            quarterly                   |
            semiannually                |
            semi-annually               |
            02:30                       |
            02:00 UTC                   |
            mon..fri 22                 | mon..fri *:22
            12:05:5/20                  |
            *:*:*                       |
            *:0/20:0/30                 |
            *-2/3-1                     |
            2020,2030..2032-12-31 23:59 |
            *-02-29                     |
            *-02-30                     |
            Tuesday 5:3:7               |
            mon,wed..fri 02:00          |
            *-*-31 04:00                |
            *-12-24..31 18:00           |
            4..10/2:00                  |
            2026..2199-1..12/4-1,15 0,12:0 |
            """;

    private static final Pattern UTC_TIME = Pattern.compile("(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}) UTC$");
    private static final DateTimeFormatter SYSTEMD_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @BeforeAll
    static void systemdAnalyzeIsInstalled() {
        ExternalTools.require("systemd-analyze", "Debian package systemd");
    }

    static Stream<Arguments> comparisons() {
        List<Arguments> out = new ArrayList<>();
        for (String line : SCHEDULES.lines().toList()) {
            String[] cols = line.split("\\|", -1);
            String pve = cols[0].strip();
            String systemd = cols[1].isBlank() ? pve : cols[1].strip();
            out.add(Arguments.of(pve, systemd, "UTC", SPRING));
            out.add(Arguments.of(pve, systemd, "Europe/Berlin", SPRING));
            out.add(Arguments.of(pve, systemd, "Europe/Berlin", AUTUMN));
            out.add(Arguments.of(pve, systemd, "Europe/Berlin", REPEATED_HOUR));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} [{2}, after {3}]")
    @MethodSource("comparisons")
    void sameRunsAndNormalisedFormAsSystemd(String pve, String systemd, String zone, Instant base)
            throws IOException, InterruptedException {
        List<String> output = systemdAnalyze(systemd, zone, base);
        String normalised = output.stream()
                .filter(l -> l.strip().startsWith("Normalized form:"))
                .map(l -> l.substring(l.indexOf(':') + 1).strip())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no normalized form in " + output));

        CalendarEvent event = CalendarEvent.parse(pve);
        assertThat(event).as("normalised form of %s", pve).hasToString(normalised);
        assertThat(nextRuns(event, base.atZone(ZoneId.of(zone))))
                .as("runs of %s (systemd: %s) in %s", pve, systemd, zone)
                .isEqualTo(systemdRuns(output));
    }

    private static List<Instant> nextRuns(CalendarEvent event, ZonedDateTime after) {
        List<Instant> out = new ArrayList<>();
        ZonedDateTime t = after;
        for (int i = 0; i < RUNS; i++) {
            Optional<ZonedDateTime> next = event.next(t);
            if (next.isEmpty()) {
                break;
            }
            t = next.get();
            out.add(t.toInstant());
        }
        return out;
    }

    /**
     * Outside UTC, systemd prints each run in local time and then again on an "(in UTC):" line; in UTC only
     * once. Either way the UTC form is the one to read.
     */
    private static List<Instant> systemdRuns(List<String> output) {
        boolean hasUtcLines = output.stream().anyMatch(l -> l.contains("(in UTC):"));
        List<Instant> out = new ArrayList<>();
        for (String line : output) {
            String l = line.strip();
            boolean runLine =
                    hasUtcLines ? l.startsWith("(in UTC):") : l.startsWith("Next elapse:") || l.startsWith("Iter. #");
            Matcher m = UTC_TIME.matcher(l);
            if (runLine && m.find()) {
                out.add(LocalDateTime.parse(m.group(1), SYSTEMD_TIME).toInstant(ZoneOffset.UTC));
            }
        }
        return out;
    }

    private static List<String> systemdAnalyze(String expression, String zone, Instant base)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("systemd-analyze", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(
                            "systemd-analyze",
                            "calendar",
                            "--no-pager",
                            "--iterations=" + RUNS,
                            "--base-time=@" + base.getEpochSecond(),
                            expression)
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile());
            pb.environment().put("TZ", zone);
            pb.environment().put("LC_ALL", "C");
            pb.environment().put("SYSTEMD_COLORS", "0");
            Process p = pb.start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("systemd-analyze calendar '" + expression + "' took over 30 s");
            }
            List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
            assertThat(p.exitValue())
                    .as("systemd-analyze calendar '%s': %s", expression, lines)
                    .isZero();
            return lines;
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
