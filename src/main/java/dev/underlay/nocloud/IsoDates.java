package dev.underlay.nocloud;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * The two ECMA-119 date formats, always written in UTC (offset byte 0) so that the same instant gives the same bytes
 * whatever the time zone of the machine that writes the image.
 */
final class IsoDates {

    /** Directory records store the year as an offset from 1900 in one byte. */
    static final int FIRST_YEAR = 1900;

    static final int LAST_YEAR = 1900 + 255;

    private IsoDates() {}

    static ZonedDateTime utc(Instant instant) {
        ZonedDateTime utc = instant.atZone(ZoneOffset.UTC);
        if (utc.getYear() < FIRST_YEAR || utc.getYear() > LAST_YEAR) {
            throw new IllegalArgumentException(
                    "ISO 9660 directory dates cover " + FIRST_YEAR + "-" + LAST_YEAR + ", not " + instant);
        }
        return utc;
    }

    /** 8.4.26.1: "YYYYMMDDHHMMSScc" in digits, then the offset from GMT in 15-minute units (17 bytes). */
    static void volumeDate(byte[] target, int offset, Instant instant) {
        ZonedDateTime t = utc(instant);
        String digits = String.format(
                Locale.ROOT,
                "%04d%02d%02d%02d%02d%02d%02d",
                t.getYear(),
                t.getMonthValue(),
                t.getDayOfMonth(),
                t.getHour(),
                t.getMinute(),
                t.getSecond(),
                t.getNano() / 10_000_000);
        System.arraycopy(digits.getBytes(StandardCharsets.US_ASCII), 0, target, offset, 16);
        target[offset + 16] = 0;
    }

    /** 8.4.26.1: a date that is not specified is sixteen '0' digits and a zero offset. */
    static void unspecifiedVolumeDate(byte[] target, int offset) {
        for (int i = 0; i < 16; i++) {
            target[offset + i] = '0';
        }
        target[offset + 16] = 0;
    }

    /** 9.1.5: years since 1900, month, day, hour, minute, second, GMT offset (7 bytes). */
    static void recordingDate(byte[] target, int offset, Instant instant) {
        ZonedDateTime t = utc(instant);
        target[offset] = (byte) (t.getYear() - FIRST_YEAR);
        target[offset + 1] = (byte) t.getMonthValue();
        target[offset + 2] = (byte) t.getDayOfMonth();
        target[offset + 3] = (byte) t.getHour();
        target[offset + 4] = (byte) t.getMinute();
        target[offset + 5] = (byte) t.getSecond();
        target[offset + 6] = 0;
    }
}
