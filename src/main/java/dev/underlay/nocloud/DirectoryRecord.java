package dev.underlay.nocloud;

import java.time.Instant;

/** One ECMA-119 9.1 directory record: where an extent is, how long, when recorded, its identifier and System Use. */
record DirectoryRecord(
        long extent, long dataLength, Instant recordedAt, boolean directory, byte[] identifier, byte[] systemUse) {

    static final int FIXED_LENGTH = 33;

    /** The identifier of the "." record (0x00) and of the ".." record (0x01), 6.8.2.2. */
    static final byte[] SELF = {0};

    static final byte[] PARENT = {1};

    private static final int MAX_LENGTH = 255;

    DirectoryRecord {
        if (length(identifier.length, systemUse.length) > MAX_LENGTH) {
            throw new IllegalArgumentException("directory record longer than " + MAX_LENGTH + " bytes");
        }
    }

    int length() {
        return length(identifier.length, systemUse.length);
    }

    /** The identifier is followed by a padding byte when its length is even, so the System Use starts at an even offset. */
    private static int length(int identifierLength, int systemUseLength) {
        int beforeSystemUse = FIXED_LENGTH + identifierLength + (identifierLength % 2 == 0 ? 1 : 0);
        int total = beforeSystemUse + systemUseLength;
        // a record's length is even (9.1.1 LEN_DR; records start at even offsets), so an odd System Use gets one more
        // byte, which SUSP readers skip as padding
        return total + (total % 2);
    }

    void writeTo(byte[] target, int offset) {
        int length = length();
        target[offset] = (byte) length;
        target[offset + 1] = 0;
        IsoFields.bothEndian32(target, offset + 2, extent);
        IsoFields.bothEndian32(target, offset + 10, dataLength);
        IsoDates.recordingDate(target, offset + 18, recordedAt);
        target[offset + 25] = (byte) (directory ? 0x02 : 0x00);
        target[offset + 26] = 0;
        target[offset + 27] = 0;
        IsoFields.bothEndian16(target, offset + 28, 1);
        target[offset + 32] = (byte) identifier.length;
        System.arraycopy(identifier, 0, target, offset + FIXED_LENGTH, identifier.length);
        int systemUseOffset = offset + FIXED_LENGTH + identifier.length + (identifier.length % 2 == 0 ? 1 : 0);
        System.arraycopy(systemUse, 0, target, systemUseOffset, systemUse.length);
    }
}
