package dev.underlay.nocloud;

import java.nio.charset.StandardCharsets;

/**
 * The few System Use Sharing Protocol (SUSP 1.10) and Rock Ridge (RRIP 1.09, "RRIP_1991A") entries this writer
 * needs, so that readers honouring Rock Ridge see exact lower-case POSIX names ({@code user-data}) instead of deriving
 * them from the upper-case ISO 9660 identifiers.
 *
 * <p>RRIP 1.09 rather than 1.12 because its PX entry (36 bytes) is what genisoimage writes and what every reader
 * accepts; pycdlib infers the version from PX length and the ER identifier and rejects an image mixing the two.
 */
final class RockRidgeEntries {

    static final int SP_LENGTH = 7;
    static final int PX_LENGTH = 36;
    static final int CE_LENGTH = 28;
    static final int NM_HEADER_LENGTH = 5;

    /** POSIX st_mode values: read-only, as a CD-ROM is. */
    static final long DIRECTORY_MODE = 040555;

    static final long FILE_MODE = 0100444;

    /** RRIP 1.09 section 4.3: the identifier, descriptor and source its ER entry carries. */
    static final String EXTENSION_ID = "RRIP_1991A";

    static final String EXTENSION_DESCRIPTOR =
            "THE ROCK RIDGE INTERCHANGE PROTOCOL PROVIDES SUPPORT FOR POSIX FILE SYSTEM SEMANTICS";
    static final String EXTENSION_SOURCE = "PLEASE CONTACT DISC PUBLISHER FOR SPECIFICATION SOURCE.  SEE PUBLISHER "
            + "IDENTIFIER IN PRIMARY VOLUME DESCRIPTOR FOR CONTACT INFORMATION.";

    private RockRidgeEntries() {}

    /** SUSP 5.3: marks the use of SUSP; must open the System Use field of the root's "." record. */
    static byte[] suspIndicator() {
        byte[] sp = header('S', 'P', SP_LENGTH);
        sp[4] = (byte) 0xBE;
        sp[5] = (byte) 0xEF;
        sp[6] = 0;
        return sp;
    }

    /** SUSP 5.1: where the entries continue (the ER entry does not fit the 255-byte directory record). */
    static byte[] continuationArea(long sector, int offset, int length) {
        byte[] ce = header('C', 'E', CE_LENGTH);
        IsoFields.bothEndian32(ce, 4, sector);
        IsoFields.bothEndian32(ce, 12, offset);
        IsoFields.bothEndian32(ce, 20, length);
        return ce;
    }

    /** SUSP 5.5: names the extension in use. */
    static byte[] extensionReference() {
        byte[] id = EXTENSION_ID.getBytes(StandardCharsets.US_ASCII);
        byte[] descriptor = EXTENSION_DESCRIPTOR.getBytes(StandardCharsets.US_ASCII);
        byte[] source = EXTENSION_SOURCE.getBytes(StandardCharsets.US_ASCII);
        byte[] er = header('E', 'R', 8 + id.length + descriptor.length + source.length);
        er[4] = (byte) id.length;
        er[5] = (byte) descriptor.length;
        er[6] = (byte) source.length;
        er[7] = 1;
        System.arraycopy(id, 0, er, 8, id.length);
        System.arraycopy(descriptor, 0, er, 8 + id.length, descriptor.length);
        System.arraycopy(source, 0, er, 8 + id.length + descriptor.length, source.length);
        return er;
    }

    /** RRIP 4.1.1: POSIX file attributes; owner and group root. */
    static byte[] posixAttributes(long mode, int links) {
        byte[] px = header('P', 'X', PX_LENGTH);
        IsoFields.bothEndian32(px, 4, mode);
        IsoFields.bothEndian32(px, 12, links);
        IsoFields.bothEndian32(px, 20, 0);
        IsoFields.bothEndian32(px, 28, 0);
        return px;
    }

    /** RRIP 4.1.4: the alternate (POSIX) name, in one entry (names here are at most 30 bytes). */
    static byte[] alternateName(IsoFileName name) {
        byte[] posix = name.posixNameBytes();
        byte[] nm = header('N', 'M', NM_HEADER_LENGTH + posix.length);
        nm[4] = 0;
        System.arraycopy(posix, 0, nm, NM_HEADER_LENGTH, posix.length);
        return nm;
    }

    private static byte[] header(char first, char second, int length) {
        if (length > 255) {
            throw new IllegalStateException("SUSP entry " + first + second + " longer than 255 bytes");
        }
        byte[] entry = new byte[length];
        entry[0] = (byte) first;
        entry[1] = (byte) second;
        entry[2] = (byte) length;
        entry[3] = 1;
        return entry;
    }
}
