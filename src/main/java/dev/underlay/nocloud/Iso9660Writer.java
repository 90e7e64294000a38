package dev.underlay.nocloud;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Writes a plain ISO 9660 (ECMA-119) image with one root directory of regular files, plus minimal Rock Ridge names
 * and no Joliet: Talos takes the volume label from a Joliet descriptor when one exists, so leaving it out keeps the
 * label where every probe reads it, in the Primary Volume Descriptor.
 *
 * <p>Layout, in 2048-byte sectors: 0-15 system area (zeros), 16 Primary Volume Descriptor, 17 Volume Descriptor Set
 * Terminator, 18 little-endian path table, 19 big-endian path table, then the root directory, one sector of SUSP
 * continuation (the Rock Ridge ER entry), and each file's data from a sector boundary in directory order. No padding
 * follows the last file: the image is meant for a virtual CD-ROM, not a disc burner.
 *
 * <p>The output depends only on the volume id, the files and {@code recordedAt}, so equal inputs give equal bytes and
 * a caller can tell by digest whether an uploaded image is current.
 */
public final class Iso9660Writer {

    public static final int SECTOR_SIZE = 2048;

    static final int PRIMARY_DESCRIPTOR_SECTOR = 16;
    static final int TERMINATOR_SECTOR = 17;
    static final int LITTLE_ENDIAN_PATH_TABLE_SECTOR = 18;
    static final int BIG_ENDIAN_PATH_TABLE_SECTOR = 19;
    static final int ROOT_DIRECTORY_SECTOR = 20;

    /** One path table record for the root: 8 fixed bytes, a 1-byte identifier, one padding byte (9.4). */
    static final int PATH_TABLE_SIZE = 10;

    /**
     * d-characters plus lower case: ECMA-119 wants upper case, but NoCloud readers look for {@code cidata} or
     * {@code CIDATA} byte for byte, and genisoimage writes the label as given.
     */
    private static final Pattern VOLUME_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private final String volumeId;
    private final Instant recordedAt;

    public Iso9660Writer(String volumeId, Instant recordedAt) {
        if (volumeId == null || !VOLUME_ID.matcher(volumeId).matches()) {
            throw new IllegalArgumentException("volume id must be 1-32 characters of A-Z a-z 0-9 _ -: " + volumeId);
        }
        IsoDates.utc(Objects.requireNonNull(recordedAt, "recordedAt"));
        this.volumeId = volumeId;
        this.recordedAt = recordedAt;
    }

    public void write(List<IsoFile> files, OutputStream out) throws IOException {
        out.write(write(files));
    }

    public byte[] write(List<IsoFile> files) {
        List<IsoFile> ordered = inDirectoryOrder(files);
        byte[] extensionReference = RockRidgeEntries.extensionReference();

        int directorySectors = sectorsFor(directoryRecordLengths(ordered));
        long continuationSector = ROOT_DIRECTORY_SECTOR + directorySectors;
        long nextSector = continuationSector + 1;

        List<DirectoryRecord> records = new ArrayList<>();
        records.add(selfRecord(directorySectors, continuationSector, extensionReference.length));
        records.add(parentRecord(directorySectors));
        List<Long> fileSectors = new ArrayList<>();
        for (IsoFile file : ordered) {
            // an empty file owns no sector; like genisoimage, it points at where the next data would start
            fileSectors.add(nextSector);
            records.add(fileRecord(file, nextSector));
            nextSector += sectorsFor(file.size());
        }
        if (nextSector * SECTOR_SIZE > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "an image of " + nextSector + " sectors is too large to build in memory");
        }

        byte[] image = new byte[Math.toIntExact(nextSector * SECTOR_SIZE)];
        writePrimaryDescriptor(image, nextSector, directorySectors);
        writeTerminator(image);
        writePathTables(image);
        writeDirectory(image, records);
        System.arraycopy(
                extensionReference,
                0,
                image,
                Math.toIntExact(continuationSector * SECTOR_SIZE),
                extensionReference.length);
        for (int i = 0; i < ordered.size(); i++) {
            byte[] content = ordered.get(i).contentUnsafe();
            System.arraycopy(content, 0, image, Math.toIntExact(fileSectors.get(i) * SECTOR_SIZE), content.length);
        }
        return image;
    }

    private static List<IsoFile> inDirectoryOrder(List<IsoFile> files) {
        List<IsoFile> ordered = new ArrayList<>(files);
        ordered.sort((a, b) -> IsoFileName.ISO_ORDER.compare(a.name(), b.name()));
        for (int i = 1; i < ordered.size(); i++) {
            if (ordered.get(i - 1).name().clashesWith(ordered.get(i).name())) {
                throw new IllegalArgumentException("two files share the ISO 9660 name "
                        + ordered.get(i).name().identifier() + "; names must differ in more than case");
            }
        }
        return ordered;
    }

    /** The root's "." record opens the SUSP area (SP first), and points to the continuation holding the ER entry. */
    private DirectoryRecord selfRecord(int directorySectors, long continuationSector, int extensionReferenceLength) {
        return new DirectoryRecord(
                ROOT_DIRECTORY_SECTOR,
                (long) directorySectors * SECTOR_SIZE,
                recordedAt,
                true,
                DirectoryRecord.SELF,
                concat(
                        RockRidgeEntries.suspIndicator(),
                        RockRidgeEntries.posixAttributes(RockRidgeEntries.DIRECTORY_MODE, 2),
                        RockRidgeEntries.continuationArea(continuationSector, 0, extensionReferenceLength)));
    }

    private DirectoryRecord parentRecord(int directorySectors) {
        // the root is its own parent (6.8.2.2)
        return new DirectoryRecord(
                ROOT_DIRECTORY_SECTOR,
                (long) directorySectors * SECTOR_SIZE,
                recordedAt,
                true,
                DirectoryRecord.PARENT,
                RockRidgeEntries.posixAttributes(RockRidgeEntries.DIRECTORY_MODE, 2));
    }

    private DirectoryRecord fileRecord(IsoFile file, long sector) {
        return new DirectoryRecord(
                sector,
                file.size(),
                recordedAt,
                false,
                file.name().identifierBytes(),
                concat(
                        RockRidgeEntries.posixAttributes(RockRidgeEntries.FILE_MODE, 1),
                        RockRidgeEntries.alternateName(file.name())));
    }

    /** Record lengths do not depend on sector numbers, so the directory can be sized before anything is placed. */
    private List<Integer> directoryRecordLengths(List<IsoFile> ordered) {
        List<Integer> lengths = new ArrayList<>();
        lengths.add(selfRecord(1, 0, 0).length());
        lengths.add(parentRecord(1).length());
        for (IsoFile file : ordered) {
            lengths.add(fileRecord(file, 0).length());
        }
        return lengths;
    }

    /** 6.8.1.1: a directory record never crosses a sector boundary; it moves to the next sector instead. */
    private static int sectorsFor(List<Integer> recordLengths) {
        int sectors = 1;
        int used = 0;
        for (int length : recordLengths) {
            if (used + length > SECTOR_SIZE) {
                sectors++;
                used = 0;
            }
            used += length;
        }
        return sectors;
    }

    private static long sectorsFor(long bytes) {
        return (bytes + SECTOR_SIZE - 1) / SECTOR_SIZE;
    }

    private static void writeDirectory(byte[] image, List<DirectoryRecord> records) {
        int sectorStart = ROOT_DIRECTORY_SECTOR * SECTOR_SIZE;
        int used = 0;
        for (DirectoryRecord directoryRecord : records) {
            if (used + directoryRecord.length() > SECTOR_SIZE) {
                sectorStart += SECTOR_SIZE;
                used = 0;
            }
            directoryRecord.writeTo(image, sectorStart + used);
            used += directoryRecord.length();
        }
    }

    /** 8.4: the Primary Volume Descriptor. */
    private void writePrimaryDescriptor(byte[] image, long volumeSectors, int directorySectors) {
        int base = PRIMARY_DESCRIPTOR_SECTOR * SECTOR_SIZE;
        writeDescriptorHeader(image, base, 1);
        IsoFields.padded(image, base + 8, 32, "");
        IsoFields.padded(image, base + 40, 32, volumeId);
        IsoFields.bothEndian32(image, base + 80, volumeSectors);
        IsoFields.bothEndian16(image, base + 120, 1);
        IsoFields.bothEndian16(image, base + 124, 1);
        IsoFields.bothEndian16(image, base + 128, SECTOR_SIZE);
        IsoFields.bothEndian32(image, base + 132, PATH_TABLE_SIZE);
        IsoFields.littleEndian32(image, base + 140, LITTLE_ENDIAN_PATH_TABLE_SECTOR);
        IsoFields.bigEndian32(image, base + 148, BIG_ENDIAN_PATH_TABLE_SECTOR);
        new DirectoryRecord(
                        ROOT_DIRECTORY_SECTOR,
                        (long) directorySectors * SECTOR_SIZE,
                        recordedAt,
                        true,
                        DirectoryRecord.SELF,
                        new byte[0])
                .writeTo(image, base + 156);
        IsoFields.padded(image, base + 190, 128, "");
        IsoFields.padded(image, base + 318, 128, "");
        IsoFields.padded(image, base + 446, 128, "");
        IsoFields.padded(image, base + 574, 128, "UNDERLAY");
        IsoFields.padded(image, base + 702, 37, "");
        IsoFields.padded(image, base + 739, 37, "");
        IsoFields.padded(image, base + 776, 37, "");
        IsoDates.volumeDate(image, base + 813, recordedAt);
        IsoDates.volumeDate(image, base + 830, recordedAt);
        IsoDates.unspecifiedVolumeDate(image, base + 847);
        IsoDates.unspecifiedVolumeDate(image, base + 864);
        image[base + 881] = 1;
    }

    /** 8.3: the Volume Descriptor Set Terminator. */
    private static void writeTerminator(byte[] image) {
        writeDescriptorHeader(image, TERMINATOR_SECTOR * SECTOR_SIZE, 255);
    }

    private static void writeDescriptorHeader(byte[] image, int base, int type) {
        image[base] = (byte) type;
        IsoFields.padded(image, base + 1, 5, "CD001");
        image[base + 6] = 1;
    }

    /** 9.4: one record each, for the root, with the parent directory number 1 (the root itself). */
    private static void writePathTables(byte[] image) {
        int little = LITTLE_ENDIAN_PATH_TABLE_SECTOR * SECTOR_SIZE;
        image[little] = 1;
        IsoFields.littleEndian32(image, little + 2, ROOT_DIRECTORY_SECTOR);
        IsoFields.littleEndian16(image, little + 6, 1);
        int big = BIG_ENDIAN_PATH_TABLE_SECTOR * SECTOR_SIZE;
        image[big] = 1;
        IsoFields.bigEndian32(image, big + 2, ROOT_DIRECTORY_SECTOR);
        IsoFields.bigEndian16(image, big + 6, 1);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            joined.writeBytes(part);
        }
        return joined.toByteArray();
    }
}
