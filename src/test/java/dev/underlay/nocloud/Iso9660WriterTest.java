package dev.underlay.nocloud;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Iso9660WriterTest {

    static final Instant RECORDED_AT = Instant.parse("2025-03-04T05:06:07.89Z");

    static byte[] bytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    static List<IsoFile> cidataFiles(byte[] userData) {
        return List.of(
                IsoFile.of("user-data", userData),
                IsoFile.of("meta-data", "instance-id: i-1\n".getBytes(StandardCharsets.UTF_8)),
                IsoFile.of("network-config", "version: 2\n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void primaryDescriptorAtSector16CarriesTheLabelAndConsistentSizes() {
        byte[] image = new Iso9660Writer("cidata", RECORDED_AT).write(cidataFiles(bytes(5000, 1)));
        IsoImageReader reader = new IsoImageReader(image);
        int pvd = 16 * 2048;

        assertThat(Arrays.copyOfRange(image, 0, pvd)).containsOnly(0);
        assertThat(image[pvd]).isEqualTo((byte) 1);
        assertThat(reader.ascii(pvd + 1, 5)).isEqualTo("CD001");
        assertThat(image[pvd + 6]).isEqualTo((byte) 1);
        assertThat(reader.volumeId()).isEqualTo("cidata" + " ".repeat(26));
        assertThat(reader.logicalBlockSize()).isEqualTo(2048);
        assertThat(reader.volumeSpaceSize() * 2048).isEqualTo(image.length);
        assertThat(reader.bothEndian16(pvd + 120)).as("volume set size").isEqualTo(1);
        assertThat(reader.bothEndian16(pvd + 124)).as("volume sequence number").isEqualTo(1);
        assertThat(image[pvd + 881]).as("file structure version").isEqualTo((byte) 1);

        int terminator = 17 * 2048;
        assertThat(Byte.toUnsignedInt(image[terminator])).isEqualTo(255);
        assertThat(reader.ascii(terminator + 1, 5)).isEqualTo("CD001");
    }

    @Test
    void volumeDatesAreTheGivenInstantInUtc() {
        byte[] image = new Iso9660Writer("cidata", RECORDED_AT).write(cidataFiles(new byte[1]));
        IsoImageReader reader = new IsoImageReader(image);
        int pvd = 16 * 2048;

        assertThat(reader.ascii(pvd + 813, 16)).as("creation").isEqualTo("2025030405060789");
        assertThat(reader.ascii(pvd + 830, 16)).as("modification").isEqualTo("2025030405060789");
        assertThat(reader.ascii(pvd + 847, 16)).as("expiration").isEqualTo("0".repeat(16));
        assertThat(image[pvd + 829]).as("GMT offset").isZero();
        int root = Math.toIntExact(reader.rootExtent() * 2048);
        assertThat(Arrays.copyOfRange(image, root + 18, root + 25)).containsExactly(125, 3, 4, 5, 6, 7, 0);
    }

    @Test
    void bothPathTablesPointAtTheRootDirectory() {
        byte[] image = new Iso9660Writer("cidata", RECORDED_AT).write(cidataFiles(new byte[1]));
        IsoImageReader reader = new IsoImageReader(image);
        ByteBuffer pvd = ByteBuffer.wrap(image, 16 * 2048, 2048).slice();
        int little = pvd.order(ByteOrder.LITTLE_ENDIAN).getInt(140) * 2048;
        int big = pvd.order(ByteOrder.BIG_ENDIAN).getInt(148) * 2048;
        ByteBuffer whole = ByteBuffer.wrap(image);

        assertThat(reader.bothEndian32(16 * 2048 + 132)).as("path table size").isEqualTo(10);
        assertThat(image[little]).as("identifier length").isEqualTo((byte) 1);
        assertThat(whole.order(ByteOrder.LITTLE_ENDIAN).getInt(little + 2)).isEqualTo(reader.rootExtent());
        assertThat(whole.order(ByteOrder.LITTLE_ENDIAN).getShort(little + 6)).isEqualTo((short) 1);
        assertThat(image[big]).isEqualTo((byte) 1);
        assertThat(whole.order(ByteOrder.BIG_ENDIAN).getInt(big + 2)).isEqualTo(reader.rootExtent());
        assertThat(whole.order(ByteOrder.BIG_ENDIAN).getShort(big + 6)).isEqualTo((short) 1);
    }

    @Test
    void rootListsDotDotDotThenFilesInIsoOrderWithRockRidgeNames() {
        byte[] image = new Iso9660Writer("cidata", RECORDED_AT).write(cidataFiles(bytes(100, 2)));
        List<IsoImageReader.Entry> entries = new IsoImageReader(image).rootEntries();

        assertThat(entries)
                .extracting(IsoImageReader.Entry::identifier)
                .containsExactly("\0", "\1", "META-DATA.;1", "NETWORK-CONFIG.;1", "USER-DATA.;1");
        assertThat(entries)
                .extracting(IsoImageReader.Entry::rockRidgeName)
                .containsExactly(null, null, "meta-data", "network-config", "user-data");
        assertThat(entries).extracting(IsoImageReader.Entry::flags).containsExactly(2, 2, 0, 0, 0);
    }

    @Test
    void rootDotRecordOpensSuspAndPointsAtTheRockRidgeExtensionReference() {
        byte[] image = new Iso9660Writer("cidata", RECORDED_AT).write(cidataFiles(bytes(100, 2)));
        IsoImageReader.Entry dot = new IsoImageReader(image).rootEntries().get(0);
        Map<String, byte[]> entries = IsoImageReader.suspEntries(dot.systemUse());

        assertThat(entries.keySet()).containsExactly("SP", "PX", "CE");
        assertThat(Arrays.copyOfRange(dot.systemUse(), 0, 7)).containsExactly('S', 'P', 7, 1, 0xBE, 0xEF, 0);
        IsoImageReader ce = new IsoImageReader(entries.get("CE"));
        int area = Math.toIntExact(ce.bothEndian32(4) * 2048 + ce.bothEndian32(12));
        int length = Math.toIntExact(ce.bothEndian32(20));
        byte[] er = Arrays.copyOfRange(image, area, area + length);
        assertThat(new String(er, 0, 2, StandardCharsets.US_ASCII)).isEqualTo("ER");
        assertThat(Byte.toUnsignedInt(er[2])).isEqualTo(length);
        assertThat(new String(er, 8, er[4], StandardCharsets.US_ASCII)).isEqualTo("RRIP_1991A");
    }

    @Test
    void filesReadBackByteIdenticalIncludingLargeAndEmptyOnes() {
        byte[] large = bytes(200 * 1024 + 17, 3);
        List<IsoFile> files = new ArrayList<>(cidataFiles(large));
        files.add(IsoFile.of("zz-empty", new byte[0]));
        byte[] image = new Iso9660Writer("cidata", RECORDED_AT).write(files);
        IsoImageReader reader = new IsoImageReader(image);

        Map<String, byte[]> read = reader.files();
        assertThat(read.keySet()).containsExactly("meta-data", "network-config", "user-data", "zz-empty");
        assertThat(read.get("user-data")).isEqualTo(large);
        assertThat(read.get("meta-data")).isEqualTo("instance-id: i-1\n".getBytes(StandardCharsets.UTF_8));
        assertThat(read.get("zz-empty")).isEmpty();
        long userDataSectors = (large.length + 2047) / 2048;
        assertThat(userDataSectors).isGreaterThan(100);
        assertThat(reader.volumeSpaceSize())
                .as("system area, 2 descriptors, 2 path tables, directory, continuation, 1+1+101 data sectors")
                .isEqualTo(16 + 2 + 2 + 1 + 1 + 1 + 1 + userDataSectors);
    }

    @Test
    void fileExtentsStartOnSectorsOfTheirOwnInsideTheVolume() {
        List<IsoFile> files = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            files.add(IsoFile.of("file-" + i, bytes(2048 * i + 1, i)));
        }
        IsoImageReader reader = new IsoImageReader(new Iso9660Writer("cidata", RECORDED_AT).write(files));

        long previousEnd = 0;
        for (IsoImageReader.Entry entry : reader.rootEntries().subList(2, 7)) {
            assertThat(entry.extent()).isGreaterThanOrEqualTo(previousEnd);
            previousEnd = entry.extent() + (entry.length() + 2047) / 2048;
        }
        assertThat(previousEnd).isEqualTo(reader.volumeSpaceSize());
    }

    @Test
    void aDirectoryTooLargeForOneSectorSpansSectorsWithoutSplittingRecords() {
        List<IsoFile> files = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            files.add(IsoFile.of(
                    "file-with-a-long-name-" + String.format(Locale.ROOT, "%04d", i) + ".txt", new byte[] {(byte) i}));
        }
        IsoImageReader reader = new IsoImageReader(new Iso9660Writer("cidata", RECORDED_AT).write(files));

        assertThat(reader.rootLength()).isGreaterThan(2048).isEqualTo((reader.rootLength() / 2048) * 2048);
        Map<String, byte[]> read = reader.files();
        assertThat(read).hasSize(60);
        assertThat(read.get("file-with-a-long-name-0059.txt")).containsExactly(59);
    }

    @Test
    void sameInputGivesSameBytesWhateverTheOrderOfTheFiles() {
        byte[] userData = bytes(70_000, 4);
        List<IsoFile> files = cidataFiles(userData);
        List<IsoFile> reversed = new ArrayList<>(files);
        Collections.reverse(reversed);

        byte[] first = new Iso9660Writer("cidata", RECORDED_AT).write(files);
        byte[] second = new Iso9660Writer("cidata", RECORDED_AT).write(reversed);
        byte[] later = new Iso9660Writer("cidata", RECORDED_AT.plusSeconds(1)).write(files);

        assertThat(second).isEqualTo(first);
        assertThat(later).isNotEqualTo(first);
    }

    @Test
    void writesToAStreamTheSameBytes() throws Exception {
        Iso9660Writer writer = new Iso9660Writer("cidata", RECORDED_AT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(cidataFiles(bytes(10, 5)), out);

        assertThat(out.toByteArray()).isEqualTo(writer.write(cidataFiles(bytes(10, 5))));
    }

    @Test
    void rejectsNamesAndLabelsIsoCannotCarry() {
        assertThatThrownBy(() -> IsoFileName.of("a/b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IsoFileName.of("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IsoFileName.of(".hidden")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IsoFileName.of("a.b.c")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IsoFileName.of("x".repeat(31))).isInstanceOf(IllegalArgumentException.class);
        assertThat(IsoFileName.of("x".repeat(30)).identifier()).isEqualTo("X".repeat(30) + ".;1");
        assertThat(IsoFileName.of("a.txt").identifier()).isEqualTo("A.TXT;1");
        assertThatThrownBy(() -> new Iso9660Writer("cidata", RECORDED_AT)
                        .write(List.of(IsoFile.of("a", new byte[0]), IsoFile.of("A", new byte[0]))))
                .hasMessageContaining("A.;1");
        assertThatThrownBy(() -> new Iso9660Writer("ci data", RECORDED_AT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Iso9660Writer("x".repeat(33), RECORDED_AT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Iso9660Writer("cidata", Instant.parse("2156-01-01T00:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isoFileNeverShowsItsContent() {
        IsoFile file = IsoFile.of("user-data", "secret-token-abc".getBytes(StandardCharsets.UTF_8));

        assertThat(file.toString()).contains("user-data", "16 bytes").doesNotContain("secret-token-abc");
    }

    @Test
    void isoFileKeepsItsOwnCopyOfTheContent() {
        byte[] content = {1, 2, 3};
        IsoFile file = IsoFile.of("f", content);
        content[0] = 9;
        file.content()[1] = 9;

        assertThat(file.content()).containsExactly(1, 2, 3);
    }
}
