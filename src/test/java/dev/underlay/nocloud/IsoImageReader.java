package dev.underlay.nocloud;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deliberately separate, minimal ISO 9660 reader for tests: it reads what the writer claims to have written, checking
 * that both halves of each both-endian field agree.
 */
final class IsoImageReader {

    static final int SECTOR = 2048;

    record Entry(String identifier, String rockRidgeName, long extent, long length, int flags, byte[] systemUse) {}

    private final byte[] image;

    IsoImageReader(byte[] image) {
        this.image = image;
    }

    int pvdOffset() {
        return 16 * SECTOR;
    }

    String volumeId() {
        return ascii(pvdOffset() + 40, 32);
    }

    long volumeSpaceSize() {
        return bothEndian32(pvdOffset() + 80);
    }

    int logicalBlockSize() {
        return bothEndian16(pvdOffset() + 128);
    }

    long rootExtent() {
        return bothEndian32(pvdOffset() + 156 + 2);
    }

    long rootLength() {
        return bothEndian32(pvdOffset() + 156 + 10);
    }

    String ascii(int offset, int length) {
        return new String(image, offset, length, StandardCharsets.US_ASCII);
    }

    /** Fails when the little- and big-endian halves disagree. */
    long bothEndian32(int offset) {
        long little = Integer.toUnsignedLong(
                ByteBuffer.wrap(image, offset, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
        long big = Integer.toUnsignedLong(ByteBuffer.wrap(image, offset + 4, 4)
                .order(ByteOrder.BIG_ENDIAN)
                .getInt());
        if (little != big) {
            throw new AssertionError("both-endian field at " + offset + ": " + little + " != " + big);
        }
        return little;
    }

    int bothEndian16(int offset) {
        int little = Short.toUnsignedInt(
                ByteBuffer.wrap(image, offset, 2).order(ByteOrder.LITTLE_ENDIAN).getShort());
        int big = Short.toUnsignedInt(ByteBuffer.wrap(image, offset + 2, 2)
                .order(ByteOrder.BIG_ENDIAN)
                .getShort());
        if (little != big) {
            throw new AssertionError("both-endian field at " + offset + ": " + little + " != " + big);
        }
        return little;
    }

    /** Every record of the root directory, "." and ".." included, skipping the zero fill at sector ends. */
    List<Entry> rootEntries() {
        List<Entry> entries = new ArrayList<>();
        int start = Math.toIntExact(rootExtent() * SECTOR);
        int end = start + Math.toIntExact(rootLength());
        int offset = start;
        while (offset < end) {
            int length = Byte.toUnsignedInt(image[offset]);
            if (length == 0) {
                offset = (offset / SECTOR + 1) * SECTOR;
                continue;
            }
            if (offset / SECTOR != (offset + length - 1) / SECTOR) {
                throw new AssertionError("record at " + offset + " crosses a sector boundary");
            }
            int idLength = Byte.toUnsignedInt(image[offset + 32]);
            String identifier = ascii(offset + 33, idLength);
            int systemUseStart = offset + 33 + idLength + (idLength % 2 == 0 ? 1 : 0);
            byte[] systemUse = Arrays.copyOfRange(image, systemUseStart, offset + length);
            entries.add(new Entry(
                    identifier,
                    rockRidgeName(systemUse),
                    bothEndian32(offset + 2),
                    bothEndian32(offset + 10),
                    Byte.toUnsignedInt(image[offset + 25]),
                    systemUse));
            offset += length;
        }
        return entries;
    }

    /** Regular files by Rock Ridge name, in directory order. */
    Map<String, byte[]> files() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (Entry entry : rootEntries()) {
            if ((entry.flags() & 2) == 0) {
                int from = Math.toIntExact(entry.extent() * SECTOR);
                files.put(entry.rockRidgeName(), Arrays.copyOfRange(image, from, from + (int) entry.length()));
            }
        }
        return files;
    }

    /** The SUSP entries of one System Use field, as signature to entry bytes. */
    static Map<String, byte[]> suspEntries(byte[] systemUse) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        int offset = 0;
        while (offset + 4 <= systemUse.length) {
            int length = Byte.toUnsignedInt(systemUse[offset + 2]);
            if (length < 4) {
                break;
            }
            entries.put(
                    new String(systemUse, offset, 2, StandardCharsets.US_ASCII),
                    Arrays.copyOfRange(systemUse, offset, offset + length));
            offset += length;
        }
        return entries;
    }

    private static String rockRidgeName(byte[] systemUse) {
        byte[] nm = suspEntries(systemUse).get("NM");
        return nm == null ? null : new String(nm, 5, nm.length - 5, StandardCharsets.US_ASCII);
    }
}
