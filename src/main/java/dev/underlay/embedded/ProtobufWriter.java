package dev.underlay.embedded;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The protocol buffers wire format, just the field kinds the OpenAPI v2 document uses: varints (int64, bool),
 * 64-bit doubles and length-delimited strings and messages. Singular scalars equal to their proto3 default (empty
 * string, zero, false) are left out, as every proto3 encoder does; elements of repeated fields, members of a oneof and
 * nested messages are always written, because there being present is itself information (an empty
 * {@code properties} is not a missing one).
 */
final class ProtobufWriter {

    private static final int VARINT = 0;
    private static final int FIXED64 = 1;
    private static final int LENGTH_DELIMITED = 2;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    ProtobufWriter string(int field, String value) {
        if (value != null && !value.isEmpty()) {
            bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }
        return this;
    }

    /** One element of a repeated string field. */
    ProtobufWriter element(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    /** A bool in a oneof, where false is a choice too. */
    ProtobufWriter oneofBool(int field, boolean value) {
        tag(field, VARINT);
        varint(value ? 1 : 0);
        return this;
    }

    ProtobufWriter message(int field, ProtobufWriter message) {
        return bytes(field, message.toByteArray());
    }

    ProtobufWriter int64(int field, long value) {
        if (value != 0) {
            tag(field, VARINT);
            varint(value);
        }
        return this;
    }

    ProtobufWriter bool(int field, boolean value) {
        return int64(field, value ? 1 : 0);
    }

    ProtobufWriter doubleValue(int field, double value) {
        if (Double.doubleToRawLongBits(value) != 0) {
            tag(field, FIXED64);
            long bits = Double.doubleToRawLongBits(value);
            for (int i = 0; i < 8; i++) {
                out.write((int) (bits >>> (8 * i)) & 0xff);
            }
        }
        return this;
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    private ProtobufWriter bytes(int field, byte[] value) {
        tag(field, LENGTH_DELIMITED);
        varint(value.length);
        out.writeBytes(value);
        return this;
    }

    private void tag(int field, int wireType) {
        varint(((long) field << 3) | wireType);
    }

    /** Seven bits a byte, least significant first; negative numbers take all ten bytes, as protobuf's int64 does. */
    private void varint(long value) {
        long rest = value;
        while ((rest & ~0x7fL) != 0) {
            out.write((int) ((rest & 0x7f) | 0x80));
            rest >>>= 7;
        }
        out.write((int) rest);
    }
}
