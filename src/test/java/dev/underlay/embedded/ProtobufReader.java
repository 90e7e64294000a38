package dev.underlay.embedded;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads protobuf bytes without a schema into field numbers and raw values, to check {@link ProtobufWriter}'s output
 * independently of it: varints and 64-bit values as longs, length-delimited fields as bytes that the caller reads as a
 * string or a nested message.
 */
final class ProtobufReader {

    private final Map<Integer, List<Object>> fields = new LinkedHashMap<>();

    private ProtobufReader() {}

    static ProtobufReader parse(byte[] bytes) {
        ProtobufReader message = new ProtobufReader();
        int[] position = {0};
        while (position[0] < bytes.length) {
            long tag = varint(bytes, position);
            int field = (int) (tag >>> 3);
            int wireType = (int) (tag & 7);
            Object value = switch (wireType) {
                case 0 -> varint(bytes, position);
                case 1 -> fixed64(bytes, position);
                case 2 -> {
                    int length = (int) varint(bytes, position);
                    byte[] content = new byte[length];
                    System.arraycopy(bytes, position[0], content, 0, length);
                    position[0] += length;
                    yield content;
                }
                default -> throw new IllegalArgumentException("wire type " + wireType + " at " + position[0]);
            };
            message.fields.computeIfAbsent(field, f -> new ArrayList<>()).add(value);
        }
        return message;
    }

    List<Integer> fieldNumbers() {
        return List.copyOf(fields.keySet());
    }

    boolean has(int field) {
        return fields.containsKey(field);
    }

    long varint(int field) {
        return (Long) single(field);
    }

    double doubleValue(int field) {
        return Double.longBitsToDouble((Long) single(field));
    }

    String string(int field) {
        return new String((byte[]) single(field), StandardCharsets.UTF_8);
    }

    List<String> strings(int field) {
        return fields.getOrDefault(field, List.of()).stream()
                .map(v -> new String((byte[]) v, StandardCharsets.UTF_8))
                .toList();
    }

    ProtobufReader message(int field) {
        return parse((byte[]) single(field));
    }

    List<ProtobufReader> messages(int field) {
        return fields.getOrDefault(field, List.of()).stream()
                .map(v -> parse((byte[]) v))
                .toList();
    }

    /** A gnostic map: the (name = 1, value = 2) pairs repeated in {@code field} of this message, by name. */
    Map<String, ProtobufReader> namedMessages(int field) {
        Map<String, ProtobufReader> named = new LinkedHashMap<>();
        for (ProtobufReader pair : messages(field)) {
            named.put(pair.string(1), pair.message(2));
        }
        return named;
    }

    private Object single(int field) {
        List<Object> values = fields.get(field);
        if (values == null || values.size() != 1) {
            throw new AssertionError("field " + field + " occurs " + (values == null ? 0 : values.size())
                    + " times, expected once; fields: " + fields.keySet());
        }
        return values.get(0);
    }

    private static long varint(byte[] bytes, int[] position) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = bytes[position[0]++];
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("varint longer than ten bytes");
    }

    private static long fixed64(byte[] bytes, int[] position) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value |= (long) (bytes[position[0]++] & 0xff) << (8 * i);
        }
        return value;
    }
}
