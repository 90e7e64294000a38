package dev.underlay.simulator.pve;

import dev.underlay.simulator.pve.http.PveHttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class PveSimulatorMainTest {

    @TempDir
    Path dir;

    @Test
    void printsPlainKeyValueLinesAScriptCanUse() throws Exception {
        Properties settings = new Properties();
        settings.setProperty("pve.port", "0");
        settings.setProperty("pve.version", "8.4");
        settings.setProperty("pve.tokenSecret", "fixed-secret");
        settings.setProperty("pve.caOut", dir.resolve("ca.pem").toString());
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (PveHttpServer server =
                PveSimulatorMain.start(settings, new PrintStream(buffer, true, StandardCharsets.UTF_8))) {
            Map<String, String> kv = new LinkedHashMap<>();
            for (String line : buffer.toString(StandardCharsets.UTF_8).split("\n")) {
                assertThat(line).matches("[a-z_]+=.*");
                kv.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
            assertThat(kv).containsKeys("url", "token", "user", "password", "fingerprint", "ca");
            assertThat(kv.get("url")).isEqualTo("https://127.0.0.1:" + server.port() + "/api2/json");
            assertThat(kv.get("version")).isEqualTo("8.4.2");
            assertThat(kv.get("token")).isEqualTo("underlay@pve!operator=fixed-secret");
            assertThat(kv.get("user")).isEqualTo("root@pam");
            assertThat(kv.get("password")).isNotBlank();
            assertThat(kv.get("fingerprint")).isEqualTo(server.fingerprint());
            assertThat(Files.readString(Path.of(kv.get("ca")))).isEqualTo(server.certificatePem());
            assertThat(server.simulator().authFailureDelay()).hasSeconds(3);
        }
    }
}
