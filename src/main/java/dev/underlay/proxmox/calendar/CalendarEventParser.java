package dev.underlay.proxmox.calendar;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code [WEEKDAYS] [[YEARS-]MONTHS-DAYS] [[HOURS:]MINUTES[:SECONDS]] [UTC]} or one of the keywords.
 * Parts are separated by whitespace; errors carry the position of the part at fault.
 */
final class CalendarEventParser {

    /** The keywords and what PVE's documentation says each stands for. */
    private static final Map<String, String> KEYWORDS = Map.of(
            "minutely", "*-*-* *:*:00",
            "hourly", "*-*-* *:00:00",
            "daily", "*-*-* 00:00:00",
            "weekly", "mon *-*-* 00:00:00",
            "monthly", "*-*-01 00:00:00",
            "yearly", "*-01-01 00:00:00",
            "annually", "*-01-01 00:00:00",
            "quarterly", "*-01,04,07,10-01 00:00:00",
            "semiannually", "*-01,07-01 00:00:00",
            "semi-annually", "*-01,07-01 00:00:00");

    private final String expression;

    CalendarEventParser(String expression) {
        this.expression = expression;
    }

    private record Part(String text, int start) {}

    CalendarEvent parse() {
        if (expression.isBlank()) {
            throw CalendarEventException.empty(expression);
        }
        List<Part> parts = words(expression);
        boolean utc = false;
        Part last = parts.get(parts.size() - 1);
        if (last.text.equals("UTC")) {
            if (parts.size() == 1) {
                throw error("expected a date or time before \"UTC\"", last);
            }
            utc = true;
            parts.remove(parts.size() - 1);
        }
        checkKeywords(parts);
        if (parts.size() == 1 && KEYWORDS.containsKey(parts.get(0).text)) {
            List<Part> expanded = words(KEYWORDS.get(parts.get(0).text));
            return fields(expanded, utc);
        }
        return fields(parts, utc);
    }

    private CalendarEvent fields(List<Part> parts, boolean utc) {
        int next = 0;
        Weekdays weekdays = Weekdays.all();
        if (Character.isLetter(parts.get(0).text.charAt(0))) {
            weekdays = weekdays(parts.get(0));
            next++;
        }
        FieldValues years = FieldValues.any(Field.YEAR);
        FieldValues months = FieldValues.any(Field.MONTH);
        FieldValues days = FieldValues.any(Field.DAY);
        if (next < parts.size() && parts.get(next).text.contains("-")) {
            List<Part> date = split(parts.get(next).text, parts.get(next).start, '-');
            if (date.size() < 2 || date.size() > 3) {
                throw error(
                        "invalid date \"" + parts.get(next).text + "\" (expected [YEAR-]MONTH-DAY)", parts.get(next));
            }
            if (date.size() == 3) {
                years = field(Field.YEAR, date.remove(0));
            }
            months = field(Field.MONTH, date.get(0));
            days = field(Field.DAY, date.get(1));
            next++;
        }
        FieldValues hours = FieldValues.single(Field.HOUR, 0);
        FieldValues minutes = FieldValues.single(Field.MINUTE, 0);
        FieldValues seconds = FieldValues.single(Field.SECOND, 0);
        if (next < parts.size() && !parts.get(next).text.contains("-")) {
            Part timePart = parts.get(next);
            List<Part> time = split(timePart.text, timePart.start, ':');
            if (time.size() > 3) {
                throw error("invalid time \"" + timePart.text + "\" (expected [HOUR:]MINUTE[:SECOND])", timePart);
            }
            // A lone number is minutes: PVE's "*/15" runs every quarter hour, every hour.
            hours = time.size() == 1 ? FieldValues.any(Field.HOUR) : field(Field.HOUR, time.remove(0));
            minutes = field(Field.MINUTE, time.get(0));
            if (time.size() == 2) {
                seconds = field(Field.SECOND, time.get(1));
            }
            next++;
        }
        if (next < parts.size()) {
            throw error("unexpected \"" + parts.get(next).text + "\"" + orderHint(parts.get(next)), parts.get(next));
        }
        return new CalendarEvent(weekdays, years, months, days, hours, minutes, seconds, utc);
    }

    /** Keywords stand alone and are lower case in PVE; say so rather than calling "Daily" a bad weekday. */
    private void checkKeywords(List<Part> parts) {
        for (Part p : parts) {
            String lower = p.text.toLowerCase(Locale.ROOT);
            if (!KEYWORDS.containsKey(lower)) {
                continue;
            }
            if (parts.size() > 1) {
                throw error("\"" + p.text + "\" cannot be combined with other parts", p);
            }
            if (!lower.equals(p.text)) {
                throw error("unknown keyword \"" + p.text + "\" (keywords are lower case)", p);
            }
        }
    }

    private static String orderHint(Part p) {
        if (p.text.equalsIgnoreCase("UTC")) {
            return " (write UTC in capitals)";
        }
        if (Character.isLetter(p.text.charAt(0))) {
            return " (weekdays come first)";
        }
        if (p.text.contains("-")) {
            return " (the date comes before the time)";
        }
        return "";
    }

    private Weekdays weekdays(Part part) {
        Set<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
        for (Part item : split(part.text, part.start, ',')) {
            int dots = item.text.indexOf("..");
            if (dots < 0) {
                out.add(weekday(item));
            } else {
                DayOfWeek first = weekday(new Part(item.text.substring(0, dots), item.start));
                DayOfWeek last = weekday(new Part(item.text.substring(dots + 2), item.start + dots + 2));
                out.addAll(Weekdays.range(first, last));
            }
        }
        return Weekdays.of(out);
    }

    private DayOfWeek weekday(Part p) {
        if (p.text.isEmpty()) {
            throw error("missing weekday", p);
        }
        return Weekdays.byName(p.text).orElseThrow(() -> error("invalid weekday \"" + p.text + "\"", p));
    }

    private FieldValues field(Field field, Part part) {
        if (part.text.equals("*")) {
            return FieldValues.any(field);
        }
        if (part.text.startsWith("*/")) {
            int step = step(field, new Part(part.text.substring(2), part.start + 2));
            return FieldValues.of(
                    field,
                    List.of(new FieldValues.Item(field.starStart, field.max, step, FieldValues.Item.Shape.REPEAT)));
        }
        List<FieldValues.Item> items = new ArrayList<>();
        for (Part item : split(part.text, part.start, ',')) {
            items.add(item(field, item));
        }
        return FieldValues.of(field, items);
    }

    private FieldValues.Item item(Field field, Part item) {
        String base = item.text;
        int step = 0;
        int slash = base.indexOf('/');
        if (slash >= 0) {
            step = step(field, new Part(base.substring(slash + 1), item.start + slash + 1));
            base = base.substring(0, slash);
        }
        int dots = base.indexOf("..");
        if (dots < 0) {
            int value = value(field, new Part(base, item.start));
            return step == 0
                    ? new FieldValues.Item(value, value, 1, FieldValues.Item.Shape.VALUE)
                    : new FieldValues.Item(value, field.max, step, FieldValues.Item.Shape.REPEAT);
        }
        int from = value(field, new Part(base.substring(0, dots), item.start));
        int to = value(field, new Part(base.substring(dots + 2), item.start + dots + 2));
        if (from > to) {
            throw error(field.label + " range \"" + base + "\" runs backwards", item);
        }
        return step == 0
                ? new FieldValues.Item(from, to, 1, FieldValues.Item.Shape.RANGE)
                : new FieldValues.Item(from, to, step, FieldValues.Item.Shape.RANGE_REPEAT);
    }

    private int value(Field field, Part p) {
        int v = number(p, "invalid " + field.label, "missing " + field.label);
        if (v < field.min || v > field.max) {
            throw error(field.label + " \"" + p.text + "\" is out of range " + field.min + ".." + field.max, p);
        }
        return v;
    }

    /**
     * PVE lets a step of 0 through and treats {@code 2/0} as plain {@code 2}; systemd refuses it. It is refused
     * here: it is almost certainly a typo, and refusing what PVE would take never sends PVE a bad schedule.
     */
    private int step(Field field, Part p) {
        int v = number(p, "invalid step", "missing step");
        if (v < 1 || v > field.max) {
            throw error("step \"" + p.text + "\" must be 1.." + field.max, p);
        }
        return v;
    }

    private int number(Part p, String invalid, String missing) {
        if (p.text.isEmpty()) {
            throw error(missing, p);
        }
        if (!p.text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw error(invalid + " \"" + p.text + "\"", p);
        }
        // Longer than any field's values: out of range, and not worth an overflowing parse.
        return p.text.length() > 5 ? Integer.MAX_VALUE : Integer.parseInt(p.text);
    }

    private CalendarEventException error(String problem, Part p) {
        return CalendarEventException.at(problem, p.start, expression);
    }

    /** The whitespace-separated words of the expression, each with its position. */
    private static List<Part> words(String text) {
        List<Part> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            if (Character.isWhitespace(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            out.add(new Part(text.substring(start, i), start));
        }
        return out;
    }

    /** Splits {@code text}, which starts at {@code offset} in the expression, keeping each piece's position. */
    private static List<Part> split(String text, int offset, char separator) {
        List<Part> out = new ArrayList<>();
        int start = 0;
        for (int sep = text.indexOf(separator); sep >= 0; sep = text.indexOf(separator, start)) {
            out.add(new Part(text.substring(start, sep), offset + start));
            start = sep + 1;
        }
        out.add(new Part(text.substring(start), offset + start));
        return out;
    }
}
