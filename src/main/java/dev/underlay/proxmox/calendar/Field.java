package dev.underlay.proxmox.calendar;

/**
 * The numeric fields of a calendar event, with the values PVE accepts in each.
 *
 * <p>Years start at 0 rather than systemd's 1970 because PVE accepts them as the start of a repetition
 * ({@code 1965/5} means 1970, 1975, ...); they end at 2199, the last year both PVE and systemd know. Months
 * and days start at 1: PVE's parser lets 0 through but it never matches, so it is rejected here as systemd
 * does. A repetition's step may not exceed the field's largest value (PVE and systemd both refuse
 * {@code 0/60} for minutes).
 */
enum Field {
    YEAR("year", 0, 2199, 4, 0),
    MONTH("month", 1, 12, 2, 1),
    DAY("day", 1, 31, 2, 1),
    HOUR("hour", 0, 23, 2, 0),
    MINUTE("minute", 0, 59, 2, 0),
    SECOND("second", 0, 59, 2, 0);

    final String label;
    final int min;
    final int max;
    /** Digits the normalised form pads a value to, as systemd prints it. */
    final int width;
    /** Where a repetition of {@code *} starts counting: PVE starts dates at their first value, years at 0. */
    final int starStart;

    Field(String label, int min, int max, int width, int starStart) {
        this.label = label;
        this.min = min;
        this.max = max;
        this.width = width;
        this.starStart = starStart;
    }

    String pad(int value) {
        String digits = Integer.toString(value);
        return "0".repeat(Math.max(0, width - digits.length())) + digits;
    }
}
