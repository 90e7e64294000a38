package dev.underlay.proxmox.calendar;

import java.util.BitSet;
import java.util.List;

/**
 * The values one numeric field matches, kept both as a set (for searching) and as the items the user
 * wrote (for the normalised form, which keeps {@code 00/15} rather than spelling out four minutes).
 */
final class FieldValues {

    private final Field field;
    private final BitSet values;
    /** Empty when the field was {@code *}. */
    private final List<String> items;

    private FieldValues(Field field, BitSet values, List<String> items) {
        this.field = field;
        this.values = values;
        this.items = List.copyOf(items);
    }

    static FieldValues any(Field field) {
        BitSet all = new BitSet(field.max + 1);
        all.set(field.min, field.max + 1);
        return new FieldValues(field, all, List.of());
    }

    static FieldValues single(Field field, int value) {
        BitSet one = new BitSet(field.max + 1);
        one.set(value);
        return new FieldValues(field, one, List.of(field.pad(value)));
    }

    /** Items already checked by the parser; each adds its values to the union. */
    static FieldValues of(Field field, List<Item> parsed) {
        BitSet union = new BitSet(field.max + 1);
        for (Item item : parsed) {
            for (int v = item.from(); v <= item.to(); v += item.step()) {
                union.set(v);
            }
        }
        return new FieldValues(
                field, union, parsed.stream().map(i -> i.render(field)).toList());
    }

    boolean contains(int value) {
        return value >= 0 && values.get(value);
    }

    /** The smallest matching value that is at least {@code value}, or -1 when there is none. */
    int nextFrom(int value) {
        return values.nextSetBit(Math.max(0, value));
    }

    /** The smallest matching value, or -1 when the field can never match. */
    int first() {
        return values.nextSetBit(field.min);
    }

    boolean isAny() {
        return items.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldValues other && field == other.field && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode() * 31 + field.hashCode();
    }

    @Override
    public String toString() {
        return isAny() ? "*" : String.join(",", items);
    }

    /**
     * One list item: a value, a range {@code from..to}, or a repetition with {@code step} (to the field's
     * end, or to {@code to} when written as {@code from..to/step}).
     */
    record Item(int from, int to, int step, Shape shape) {

        enum Shape {
            VALUE,
            RANGE,
            REPEAT,
            RANGE_REPEAT
        }

        String render(Field field) {
            return switch (shape) {
                case VALUE -> field.pad(from);
                case RANGE -> field.pad(from) + ".." + field.pad(to);
                case REPEAT -> field.pad(from) + "/" + step;
                // systemd ends the range at the last value the step reaches: 1..12/4 is 01..09/4.
                case RANGE_REPEAT -> field.pad(from) + ".." + field.pad(from + (to - from) / step * step) + "/" + step;
            };
        }
    }
}
