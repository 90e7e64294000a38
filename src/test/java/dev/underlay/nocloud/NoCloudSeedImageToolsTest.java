package dev.underlay.nocloud;

import dev.underlay.testing.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A whole seed, as blkid labels it and as xorriso extracts it under the names Talos opens. */
class NoCloudSeedImageToolsTest {

    @TempDir
    Path dir;

    @Test
    void blkidAndXorrisoSeeTheSeedTalosLooksFor() throws Exception {
        ExternalTools.require("blkid", "Debian package util-linux");
        ExternalTools.require("xorriso", "Debian package xorriso");
        byte[] machineConfig = ("version: v1alpha1\n# " + "y".repeat(50_000) + "\n").getBytes(StandardCharsets.UTF_8);
        NoCloudSeed seed = new NoCloudSeed(
                machineConfig,
                "talos-cp-1",
                List.of(StaticInterface.of(
                        "eth0", "BC:24:11:00:00:01", "10.0.0.5/24", "10.0.0.1", List.of("10.0.0.1"))));
        Path image = Files.write(dir.resolve("seed.iso"), seed.image(Instant.parse("2025-06-01T00:00:00Z")));

        assertThat(ToolRun.run(dir, "blkid", "-p", "-o", "export", image.toString())
                        .succeeded()
                        .lines())
                .contains("LABEL=cidata", "TYPE=iso9660");
        Path out = dir.resolve("out");
        ToolRun.run(dir, "xorriso", "-osirrox", "on", "-indev", image.toString(), "-extract", "/", out.toString())
                .succeeded();
        assertThat(Files.readAllBytes(out.resolve("user-data"))).isEqualTo(machineConfig);
        assertThat(Files.readAllBytes(out.resolve("meta-data"))).isEqualTo(seed.metaData());
        assertThat(Files.readAllBytes(out.resolve("network-config")))
                .isEqualTo(seed.networkConfig().orElseThrow());
    }
}
