package dev.underlay.simulator.pve.schema;

import dev.underlay.simulator.pve.PveSimulator;
import dev.underlay.simulator.pve.PveVersion;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ImplementedEndpointsTest {

    @Test
    void everyImplementedEndpointExistsInAnOfficialSchema() {
        PveSchema v8 = PveSchema.of(PveVersion.PVE_8_4);
        PveSchema v9 = PveSchema.of(PveVersion.PVE_9_1);
        var implemented = PveSimulator.homelab(PveVersion.PVE_9_1).implementedEndpoints();
        assertThat(implemented).hasSizeGreaterThan(80);
        assertThat(implemented).allSatisfy(key -> {
            String method = key.substring(0, key.indexOf(' '));
            String template = key.substring(key.indexOf(' ') + 1);
            assertThat(v8.has(template, method) || v9.has(template, method))
                    .as(key)
                    .isTrue();
        });
    }

    @Test
    void schemasDifferWhereTheNotesSayTheyDo() {
        PveSchema v8 = PveSchema.of(PveVersion.PVE_8_4);
        PveSchema v9 = PveSchema.of(PveVersion.PVE_9_1);
        assertThat(v8.has("/cluster/ha/rules", "POST")).isFalse();
        assertThat(v9.has("/cluster/ha/rules", "POST")).isTrue();
        assertThat(v9.has("/cluster/bulk-action/guest/migrate", "POST")).isTrue();
        assertThat(v8.endpoint("/access/ticket", "POST").orElseThrow().allowToken())
                .isFalse();
        assertThat(v9.endpoint("/nodes/{node}/qemu", "POST").orElseThrow().proxyTo())
                .contains("node");
    }
}
