package dev.underlay.api.v1alpha1.common;

import com.google.re2j.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The patterns against values Proxmox accepts and refuses. Each is checked with RE2 (re2j), the engine the API server
 * runs patterns on, and with java.util.regex, so both readings agree.
 */
class ValidationPatternsTest {

    /** Proxmox's documented examples and the seed's schedules; all parse with proxmox-time. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "02:00",
                "2:00",
                "sun 03:00",
                "*-*-01 04:00",
                "*-*-01 05:00",
                "mon..fri 22:30",
                "sat *-1..7 15:00",
                "Sat *-1..7 15:00",
                "*/15",
                "*/5",
                "*",
                "daily",
                "weekly",
                "monthly",
                "hourly",
                "minutely",
                "yearly",
                "annually",
                "quarterly",
                "semiannually",
                "semi-annually",
                "mon,tue,wed,thu,fri",
                "mon..fri",
                "sat,sun",
                "sat..sun",
                "mon,wed,fri",
                "12:05",
                "mon..wed 30/10",
                "mon..fri 8..17,22:0/15",
                "fri 12..13:5/20",
                "12,14,16,18,20,22:5",
                "12/2:5",
                "*-05",
                "2015-10-21",
                "0/1:0/5",
                "sun 03:00:30",
                "monday 02:00",
                "SUNDAY 03:00",
                "fri..mon 02:00",
                "*-*-01 04:00 UTC",
                "02:00 UTC",
                "daily UTC",
                "*-1/3-01 00:00",
                "2025-*-* 01:00",
                // minute 25, second 0: Proxmox falls back to [MINUTES:SECONDS] when the hour is out of range
                "25:00"
            })
    void calendarEventsProxmoxAccepts(String schedule) {
        assertMatches(ValidationPatterns.PVE_CALENDAR_EVENT, schedule, true);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "", " 02:00", "02:00 ", "0 2 * * *", "every day", "25:00:00", "02:60", "02:00:60", "mon-fri 22:30",
                "someday 02:00", "Daily", "*/0", "02:00 PST", "*-13-01", "*-*-32", "*-*-00", "mon,,tue", "*,5",
                "2015-10-21T02:00", "02:00;03:00", "mon.. fri", "0/0:00", "mon 02:00 tue", "@daily", "1h"
            })
    void calendarEventsProxmoxRefuses(String schedule) {
        assertMatches(ValidationPatterns.PVE_CALENDAR_EVENT, schedule, false);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://10.8.16.10:8006",
                "https://10.8.16.10:8006/",
                "https://pve.lab.example",
                "https://[fd00::10]:8006"
            })
    void httpsBaseUrls(String url) {
        assertMatches(ValidationPatterns.HTTPS_BASE_URL, url, true);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://10.8.16.10:8006",
                "https://10.8.16.10:8006/api2/json",
                "https://10.8.16.10:port",
                "10.8.16.10:8006",
                "https://",
                "https://-pve:8006"
            })
    void notHttpsBaseUrls(String url) {
        assertMatches(ValidationPatterns.HTTPS_BASE_URL, url, false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"BC:24:11:00:00:01", "bc:24:11:ab:cd:ef", "02:00:00:00:00:00"})
    void unicastMacs(String mac) {
        assertMatches(ValidationPatterns.UNICAST_MAC, mac, true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"01:00:5E:00:00:01", "FF:FF:FF:FF:FF:FF", "BC-24-11-00-00-01", "BC:24:11:00:00"})
    void notUnicastMacs(String mac) {
        assertMatches(ValidationPatterns.UNICAST_MAC, mac, false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"production", "ai-workloads", "general_2"})
    void haGroupNames(String name) {
        assertMatches(ValidationPatterns.PVE_CONFIG_ID, name, true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ai.workloads", "2nd", "a", "ai workloads"})
    void notHaGroupNames(String name) {
        assertMatches(ValidationPatterns.PVE_CONFIG_ID, name, false);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89",
                "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789"
            })
    void sha256Fingerprints(String fingerprint) {
        assertMatches(ValidationPatterns.SHA256_FINGERPRINT, fingerprint, true);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "AB:CD",
                "3F:3F:3F:3F:3F:3F:3F:3F:3F:3F:3F:3F:3F:3F:3F:3F:3F:3F:3F:3F",
                "GG:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89"
            })
    void notSha256Fingerprints(String fingerprint) {
        assertMatches(ValidationPatterns.SHA256_FINGERPRINT, fingerprint, false);
    }

    /** JSON Schema's pattern is a search, not a full match; every pattern here is anchored, so both agree. */
    private static void assertMatches(String pattern, String value, boolean expected) {
        assertThat(Pattern.compile(pattern).matcher(value).find())
                .as("RE2: %s ~ %s", value, pattern)
                .isEqualTo(expected);
        assertThat(java.util.regex.Pattern.compile(pattern).matcher(value).find())
                .as("Java: %s", value)
                .isEqualTo(expected);
    }
}
