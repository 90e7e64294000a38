package dev.underlay.proxmox.rest;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PveConnectionSettingsTest {

    private static final List<URI> ENDPOINTS = List.of(URI.create("https://10.8.16.11:8006"));
    private static final String SECRET = "1b7c7a2e-3c43-4c36-9f8e-2f7d8b5e9c10";

    @Test
    void toStringNeverShowsTheSecret() {
        PveConnectionSettings settings = PveConnectionSettings.of(ENDPOINTS, "underlay@pve!operator", SECRET)
                .withFingerprint("ab:cd:" + "00:".repeat(29) + "ef");

        assertThat(settings.toString())
                .doesNotContain(SECRET)
                .contains("tokenSecret=***")
                .contains("trust=pinned");
    }

    @Test
    void validatesTokenIdTrustAndLimits() {
        assertThatThrownBy(() -> PveConnectionSettings.of(ENDPOINTS, "underlay@pve", SECRET))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PveConnectionSettings.of(List.of(), "underlay@pve!op", SECRET))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PveConnectionSettings(
                        ENDPOINTS, "underlay@pve!op", SECRET, "pem", "AB".repeat(32), false, null, null, 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PveConnectionSettings.of(ENDPOINTS, "underlay@pve!op", SECRET)
                        .withFingerprint("AB:CD"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PveConnectionSettings.of(ENDPOINTS, "underlay@pve!op", SECRET)
                        .withLimits(0, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fingerprintsNormaliseAcrossNotations() {
        String colons =
                "80:D4:F2:DF:64:95:CD:8D:A0:82:82:AC:48:BA:C0:7A:1B:6B:87:8B:FE:B9:83:1C:95:4E:79:58:77:99:69:F5";

        assertThat(CertificatePins.normalize(colons))
                .isEqualTo(CertificatePins.normalize(colons.replace(":", "").toLowerCase()));
        assertThat(CertificatePins.normalize(colons)).hasSize(64).doesNotContain(":");
    }

    @Test
    void baseUriDropsApiSuffixAndSlashes() {
        assertThat(HttpPveTransport.baseUri(URI.create("https://pve1:8006/api2/json/")))
                .isEqualTo(URI.create("https://pve1:8006"));
        assertThat(HttpPveTransport.baseUri(URI.create("https://pve1:8006")))
                .isEqualTo(URI.create("https://pve1:8006"));
    }
}
