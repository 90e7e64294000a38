package dev.underlay.nocloud;

import java.nio.charset.StandardCharsets;

/** Writes ECMA-119 numeric and string fields (7.2-7.4, 7.1.1) into a byte array. */
final class IsoFields {

    private IsoFields() {}

    /** 7.3.3: a 32-bit number little-endian, then the same big-endian (8 bytes). */
    static void bothEndian32(byte[] target, int offset, long value) {
        littleEndian32(target, offset, value);
        bigEndian32(target, offset + 4, value);
    }

    /** 7.2.3: a 16-bit number little-endian, then the same big-endian (4 bytes). */
    static void bothEndian16(byte[] target, int offset, int value) {
        littleEndian16(target, offset, value);
        bigEndian16(target, offset + 2, value);
    }

    static void littleEndian32(byte[] target, int offset, long value) {
        checkRange(value, 0xFFFF_FFFFL);
        for (int i = 0; i < 4; i++) {
            target[offset + i] = (byte) (value >>> (8 * i));
        }
    }

    static void bigEndian32(byte[] target, int offset, long value) {
        checkRange(value, 0xFFFF_FFFFL);
        for (int i = 0; i < 4; i++) {
            target[offset + 3 - i] = (byte) (value >>> (8 * i));
        }
    }

    static void littleEndian16(byte[] target, int offset, int value) {
        checkRange(value, 0xFFFF);
        target[offset] = (byte) value;
        target[offset + 1] = (byte) (value >>> 8);
    }

    static void bigEndian16(byte[] target, int offset, int value) {
        checkRange(value, 0xFFFF);
        target[offset] = (byte) (value >>> 8);
        target[offset + 1] = (byte) value;
    }

    /** A string field of fixed width, padded with spaces (the filler ECMA-119 uses for a- and d-character fields). */
    static void padded(byte[] target, int offset, int width, String value) {
        byte[] ascii = value.getBytes(StandardCharsets.US_ASCII);
        if (ascii.length > width) {
            throw new IllegalArgumentException("'" + value + "' is longer than its " + width + "-byte field");
        }
        System.arraycopy(ascii, 0, target, offset, ascii.length);
        for (int i = ascii.length; i < width; i++) {
            target[offset + i] = ' ';
        }
    }

    private static void checkRange(long value, long max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(value + " does not fit its ISO 9660 field");
        }
    }
}
