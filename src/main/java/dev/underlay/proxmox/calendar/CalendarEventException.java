package dev.underlay.proxmox.calendar;

/**
 * A schedule that is not a valid calendar event. The message is meant for the person who wrote the
 * schedule (it ends up in a Kubernetes condition): it names the offending part, its 1-based position and
 * the whole expression, e.g. {@code invalid weekday "mnday" at position 1 in "mnday 02:00"}.
 */
public final class CalendarEventException extends IllegalArgumentException {

    private final String expression;
    private final int position;

    private CalendarEventException(String message, String expression, int position) {
        super(message);
        this.expression = expression;
        this.position = position;
    }

    /** {@code problem} names the part; {@code index} is where that part starts in {@code expression}, from 0. */
    static CalendarEventException at(String problem, int index, String expression) {
        return new CalendarEventException(
                problem + " at position " + (index + 1) + " in \"" + expression + "\"", expression, index + 1);
    }

    static CalendarEventException empty(String expression) {
        return new CalendarEventException("the schedule is empty", expression, 0);
    }

    /** The schedule as it was given. */
    public String expression() {
        return expression;
    }

    /** 1-based position of the offending part in {@link #expression()}, or 0 when the whole schedule is at fault. */
    public int position() {
        return position;
    }
}
