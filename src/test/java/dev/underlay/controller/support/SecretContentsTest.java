package dev.underlay.controller.support;

import dev.underlay.testing.Fixtures;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SecretContentsTest {

    @Test
    void readsBase64DataAndFallsBackToStringData() {
        Secret secret = new SecretBuilder(Fixtures.secret("ns", "s", Map.of("a", "from-data")))
                .withStringData(Map.of("b", "from-stringData"))
                .build();
        SecretContents contents = new SecretContents(secret);

        assertThat(contents.text("a")).contains("from-data");
        assertThat(contents.text("b")).contains("from-stringData");
        assertThat(contents.text("c")).isEmpty();
    }

    @Test
    void invalidBase64CountsAsAbsent() {
        Secret secret = new SecretBuilder()
                .withNewMetadata()
                .withName("s")
                .endMetadata()
                .withData(Map.of("a", "%%% not base64"))
                .build();

        assertThat(new SecretContents(secret).text("a")).isEmpty();
    }

    @Test
    void toStringNeverShowsValues() {
        SecretContents contents = new SecretContents(Fixtures.tokenSecret("ns", "pve-token"));

        assertThat(contents.toString())
                .contains("pve-token")
                .doesNotContain(Fixtures.TOKEN_SECRET)
                .doesNotContain(Fixtures.TOKEN_ID);
    }
}
