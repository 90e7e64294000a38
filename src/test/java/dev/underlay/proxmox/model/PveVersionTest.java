package dev.underlay.proxmox.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PveVersionTest {

    @Test
    void parsesAllKnownFormats() {
        assertThat(PveVersion.parse("7.2-3"))
                .extracting(PveVersion::major, PveVersion::minor, PveVersion::patch)
                .containsExactly(7, 2, 3);
        assertThat(PveVersion.parse("8.2.4"))
                .extracting(PveVersion::major, PveVersion::minor, PveVersion::patch)
                .containsExactly(8, 2, 4);
        PveVersion fromNode = PveVersion.parse("pve-manager/9.1.4/5ac30304265fbd8e");
        assertThat(fromNode.toString()).isEqualTo("9.1.4");
        assertThat(fromNode.repoid()).isEqualTo("5ac30304265fbd8e");
        assertThat(PveVersion.parse("9.0").patch()).isZero();
    }

    @Test
    void comparesByMajorMinorPatch() {
        PveVersion v8 = PveVersion.parse("8.4.2");
        PveVersion v90 = PveVersion.parse("9.0.8");
        PveVersion v91 = PveVersion.parse("9.1.3");

        assertThat(v8).isLessThan(v90);
        assertThat(v90).isLessThan(v91);
        assertThat(PveVersion.parse("7.2-3")).isLessThan(PveVersion.parse("7.4.1"));
        assertThat(v91.isAtLeast(9, 1)).isTrue();
        assertThat(v90.isAtLeast(9, 1)).isFalse();
        assertThat(v8.isBefore(9, 0)).isTrue();
        assertThat(v91.isAtLeast(8, 9)).isTrue();
    }

    @Test
    void rejectsGarbage() {
        assertThatThrownBy(() -> PveVersion.parse("unknown")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PveVersion.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
