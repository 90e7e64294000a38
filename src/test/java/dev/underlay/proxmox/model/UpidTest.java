package dev.underlay.proxmox.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UpidTest {

    @Test
    void parsesEveryField() {
        Upid upid = Upid.parse("UPID:pve-ms01-02:000FF1FD:10F9374C:630D702C:qmstart:101:underlay@pve!operator:");

        assertThat(upid.node()).isEqualTo("pve-ms01-02");
        assertThat(upid.pid()).isEqualTo(0xFF1FD);
        assertThat(upid.pstart()).isEqualTo(0x10F9374C);
        assertThat(upid.startTime()).isEqualTo(1661825068L);
        assertThat(upid.type()).isEqualTo("qmstart");
        assertThat(upid.id()).isEqualTo("101");
        assertThat(upid.user()).isEqualTo("underlay@pve!operator");
        assertThat(upid.userId()).isEqualTo("underlay@pve");
        assertThat(upid.tokenId()).contains("operator");
        assertThat(upid.isHaRequest()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "UPID:node1:000FF1FD:10F9374C:630D702C:vzdump:110:root@pam:",
                "UPID:pve:00001234:1234ABCDE:6530A1B2:aptupdate::root@pam:",
                "UPID:pve:0000abcd:0000abcd:6530a1b2:hastart:101:root@pam:",
                "UPID:iaclab-01-01:00000DD3:1C419D88:6119FB65:srvreload:networking:root@pam:"
            })
    void textIsKeptVerbatim(String text) {
        assertThat(Upid.parse(text).toString()).isEqualTo(text);
        assertThat(Upid.parse(text)).isEqualTo(Upid.parse(text));
    }

    @Test
    void emptyIdAndNineDigitPstart() {
        Upid upid = Upid.parse("UPID:pve:00001234:1234ABCDE:6530A1B2:aptupdate::root@pam:");

        assertThat(upid.id()).isEmpty();
        assertThat(upid.pstart()).isEqualTo(0x1234ABCDEL);
        assertThat(upid.tokenId()).isEmpty();
    }

    @Test
    void formatsLikePve() {
        Upid upid = Upid.of("pve1", 0xabc, 0x1234, 0x6530A1B2L, "hastart", "101", "root@pam");

        assertThat(upid.toString()).isEqualTo("UPID:pve1:00000ABC:00001234:6530A1B2:hastart:101:root@pam:");
        assertThat(upid.isHaRequest()).isTrue();
        assertThat(Upid.parse(upid.toString())).isEqualTo(upid);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "UPID:pve:1:2:3:qmstart:101:root@pam:",
                "UPID:pve:000FF1FD:10F9374C:630D702C:qmstart:101:root@pam",
                "UPID:-pve:000FF1FD:10F9374C:630D702C:qmstart:101:root@pam:",
                "OK"
            })
    void rejectsMalformed(String text) {
        assertThat(Upid.isUpid(text)).isFalse();
        assertThatThrownBy(() -> Upid.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
