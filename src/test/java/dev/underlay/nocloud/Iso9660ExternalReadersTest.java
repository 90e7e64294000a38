package dev.underlay.nocloud;

import dev.underlay.testing.ExternalTools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image as independent ISO 9660 readers from Debian see it: blkid (the probe udev and Talos-like label lookups
 * use), isoinfo (genisoimage), xorriso (libisofs) and pycdlib. Each must find the label and read every file back byte
 * for byte under the exact NoCloud names.
 */
class Iso9660ExternalReadersTest {

    /** Talos's own python3 is not Debian's on every machine; pycdlib is installed for Debian's. */
    static final String DEBIAN_PYTHON = "/usr/bin/python3";

    static final Map<String, byte[]> FILES = new LinkedHashMap<>();

    static {
        byte[] userData = new byte[200 * 1024 + 5];
        new Random(8).nextBytes(userData);
        FILES.put("user-data", userData);
        FILES.put("meta-data", "instance-id: iid-1\nlocal-hostname: talos-cp-1\n".getBytes(StandardCharsets.UTF_8));
        FILES.put("network-config", "version: 2\n".getBytes(StandardCharsets.UTF_8));
        FILES.put("empty", new byte[0]);
    }

    @TempDir
    Path dir;

    Path image;

    @BeforeEach
    void writeImage() throws IOException {
        List<IsoFile> files = FILES.entrySet().stream()
                .map(e -> IsoFile.of(e.getKey(), e.getValue()))
                .toList();
        image = dir.resolve("cidata.iso");
        Files.write(image, new Iso9660Writer("cidata", Instant.parse("2025-01-02T03:04:05Z")).write(files));
    }

    @Test
    void blkidProbesAnIso9660FilesystemLabelledCidata() throws Exception {
        ExternalTools.require("blkid", "Debian package util-linux");

        List<String> export = ToolRun.run(dir, "blkid", "-p", "-o", "export", image.toString())
                .succeeded()
                .lines();

        assertThat(export).contains("LABEL=cidata", "TYPE=iso9660", "USAGE=filesystem");
    }

    @Test
    void isoinfoSeesTheLabelRockRidgeAndNoJoliet() throws Exception {
        ExternalTools.require("isoinfo", "Debian package genisoimage");

        List<String> description = ToolRun.run(dir, "isoinfo", "-d", "-i", image.toString())
                .succeeded()
                .lines();

        assertThat(description).contains("Volume id: cidata", "NO Joliet present");
        assertThat(description).anyMatch(line -> line.startsWith("Rock Ridge signatures"));
    }

    @Test
    void isoinfoListsAndExtractsEveryFileUnderItsRockRidgeName() throws Exception {
        ExternalTools.require("isoinfo", "Debian package genisoimage");

        assertThat(ToolRun.run(dir, "isoinfo", "-R", "-f", "-i", image.toString())
                        .succeeded()
                        .lines())
                .containsExactlyInAnyOrder("/user-data", "/meta-data", "/network-config", "/empty");
        for (Map.Entry<String, byte[]> file : FILES.entrySet()) {
            byte[] extracted = ToolRun.run(dir, "isoinfo", "-R", "-i", image.toString(), "-x", "/" + file.getKey())
                    .succeeded()
                    .stdout();
            assertThat(extracted).as(file.getKey()).isEqualTo(file.getValue());
        }
    }

    /**
     * Without Rock Ridge (mount -o norock), Linux maps ISO 9660 identifiers with its default map=normal: lower case,
     * a trailing ";1" and then a trailing "." dropped. The plain names must map to the same NoCloud names.
     */
    @Test
    void plainIso9660NamesMapToTheNoCloudNamesTheWayLinuxMapsThem() throws Exception {
        ExternalTools.require("isoinfo", "Debian package genisoimage");

        List<String> plain = ToolRun.run(dir, "isoinfo", "-f", "-i", image.toString())
                .succeeded()
                .lines();

        assertThat(plain).containsExactly("/EMPTY.;1", "/META-DATA.;1", "/NETWORK-CONFIG.;1", "/USER-DATA.;1");
        assertThat(plain.stream().map(Iso9660ExternalReadersTest::linuxNormalName))
                .containsExactly("/empty", "/meta-data", "/network-config", "/user-data");
        for (Map.Entry<String, byte[]> file : FILES.entrySet()) {
            String identifier = "/" + file.getKey().toUpperCase(Locale.ROOT) + ".;1";
            byte[] extracted = ToolRun.run(dir, "isoinfo", "-i", image.toString(), "-x", identifier)
                    .succeeded()
                    .stdout();
            assertThat(extracted).as(identifier).isEqualTo(file.getValue());
        }
    }

    @Test
    void xorrisoFindsAndExtractsEveryFileByteIdentical() throws Exception {
        ExternalTools.require("xorriso", "Debian package xorriso");

        ToolRun find = ToolRun.run(dir, "xorriso", "-indev", image.toString(), "-find", "/")
                .succeeded();
        assertThat(find.lines())
                .containsExactlyInAnyOrder("'/'", "'/user-data'", "'/meta-data'", "'/network-config'", "'/empty'");
        assertThat(find.stderr()).doesNotContainIgnoringCase("WARNING").doesNotContainIgnoringCase("SORRY");
        ToolRun toc =
                ToolRun.run(dir, "xorriso", "-indev", image.toString(), "-toc").succeeded();
        assertThat(toc.text() + toc.stderr())
                .contains("ISO offers   : Rock_Ridge")
                .doesNotContain("Joliet");

        Path out = dir.resolve("xorriso-out");
        ToolRun.run(dir, "xorriso", "-osirrox", "on", "-indev", image.toString(), "-extract", "/", out.toString())
                .succeeded();
        assertExtractedExactly(out);
    }

    @Test
    void pycdlibReadsEveryFileByteIdenticalByRockRidgeName() throws Exception {
        ExternalTools.require(DEBIAN_PYTHON, "Debian package python3");
        ExternalTools.requireThat(
                ToolRun.run(dir, DEBIAN_PYTHON, "-c", "import pycdlib").exitCode() == 0,
                "pycdlib is not installed (Debian package python3-pycdlib)");
        Path out = Files.createDirectory(dir.resolve("pycdlib-out"));
        String script = String.join(
                "\n",
                "import os, sys, pycdlib",
                "iso = pycdlib.PyCdlib()",
                "iso.open(sys.argv[1])",
                "assert iso.has_rock_ridge() and not iso.has_joliet()",
                "for child in iso.list_children(rr_path='/'):",
                "    if child.is_dir():",
                "        continue",
                "    name = child.rock_ridge.name().decode('ascii')",
                "    iso.get_file_from_iso(os.path.join(sys.argv[2], name), rr_path='/' + name)",
                "    print(name)",
                "iso.close()");

        List<String> names = ToolRun.run(dir, DEBIAN_PYTHON, "-c", script, image.toString(), out.toString())
                .succeeded()
                .lines();

        assertThat(names).containsExactly("empty", "meta-data", "network-config", "user-data");
        assertExtractedExactly(out);
    }

    private static void assertExtractedExactly(Path out) throws IOException {
        try (Stream<Path> listing = Files.list(out)) {
            assertThat(listing.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(FILES.keySet());
        }
        for (Map.Entry<String, byte[]> file : FILES.entrySet()) {
            assertThat(Files.readAllBytes(out.resolve(file.getKey())))
                    .as(file.getKey())
                    .isEqualTo(file.getValue());
        }
    }

    /** Linux fs/isofs with map=normal (its default when Rock Ridge is absent or turned off). */
    static String linuxNormalName(String identifier) {
        String name = identifier.toLowerCase(Locale.ROOT);
        if (name.endsWith(".;1")) {
            return name.substring(0, name.length() - 3);
        }
        if (name.endsWith(";1")) {
            return name.substring(0, name.length() - 2);
        }
        return name;
    }
}
