package dev.underlay.simulator.pve.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.underlay.simulator.pve.PveSimulator;
import dev.underlay.simulator.pve.PveVersion;
import dev.underlay.simulator.pve.VmSeed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PveHttpServerTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String N1 = "pve-ms01-01";
    private static final Duration AUTH_DELAY = Duration.ofMillis(300);

    private static PveSimulator sim;
    private static PveHttpServer server;
    private static SSLContext tls;
    private static HttpClient client;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        sim = PveSimulator.builder()
                .version(PveVersion.PVE_9_1)
                .rootPassword("r00t-pass")
                .vm(VmSeed.of(101, N1).name("web").disk("scsi0", "vm-disks", 4))
                .build()
                .authFailureDelay(AUTH_DELAY)
                .taskLatency(Duration.ZERO, Duration.ZERO);
        server = PveHttpServer.start(sim, 0);
        tls = trusting(server.certificatePem());
        client = HttpClient.newBuilder()
                .sslContext(tls)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        token = sim.credentials().tokenId() + "=" + sim.credentials().tokenSecret();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static SSLContext trusting(String pem) throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        ks.setCertificateEntry(
                "pve",
                CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    private static HttpRequest.Builder req(String path) {
        return HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).timeout(Duration.ofSeconds(20));
    }

    private static HttpResponse<String> send(HttpRequest r) throws Exception {
        return client.send(r, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode data(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return MAPPER.readTree(r.body()).get("data");
    }

    private static String form(String... kv) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < kv.length; i += 2) {
            sb.append(i == 0 ? "" : "&")
                    .append(URLEncoder.encode(kv[i], StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(kv[i + 1], StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    @Test
    void servesOn127001WithTheAdvertisedCertificate() {
        assertThat(server.baseUrl()).matches("https://127\\.0\\.0\\.1:\\d+/api2/json");
        assertThat(server.fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(server.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(server.certificateFile()).exists();
    }

    @Test
    void tokenAuthWithEqualsOrSpaceAnswersJsonInTheDataEnvelope() throws Exception {
        for (String header : List.of("PVEAPIToken=" + token, "PVEAPIToken " + token)) {
            HttpResponse<String> r =
                    send(req("/version").header("Authorization", header).build());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).contains("application/json;charset=UTF-8");
            assertThat(data(r).get("version").asText()).isEqualTo("9.1.3");
        }
    }

    @Test
    void unauthenticatedRequestsGetAnEmpty401AfterTheDelay() throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> r = send(req("/nodes").build());
        long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).isEmpty();
        assertThat(r.headers().firstValue("Content-Type")).isEmpty();
        assertThat(elapsedMs).isGreaterThanOrEqualTo(AUTH_DELAY.toMillis());
        HttpResponse<String> wrong = send(req("/nodes")
                .header("Authorization", "PVEAPIToken=" + sim.credentials().tokenId() + "=nope")
                .build());
        assertThat(wrong.statusCode()).isEqualTo(401);
    }

    @Test
    void ticketInCookieWorksAndWritesNeedTheCsrfHeader() throws Exception {
        JsonNode login = data(send(req("/access/ticket")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form("username", "root@pam", "password", "r00t-pass")))
                .build()));
        String cookie = "PVEAuthCookie=" + URLEncoder.encode(login.get("ticket").asText(), StandardCharsets.UTF_8);
        String csrf = login.get("CSRFPreventionToken").asText();
        assertThat(send(req("/cluster/status").header("Cookie", cookie).build()).statusCode())
                .isEqualTo(200);

        HttpRequest.Builder write = req("/nodes/" + N1 + "/qemu/101/config")
                .header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .PUT(HttpRequest.BodyPublishers.ofString(form("description", "via ticket")));
        HttpResponse<String> denied = send(write.build());
        assertThat(denied.statusCode()).isEqualTo(401);
        assertThat(denied.body()).isEmpty();
        assertThat(send(write.header("CSRFPreventionToken", csrf).build()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void deleteWithABodyIs501() throws Exception {
        HttpResponse<String> r = send(req("/nodes/" + N1 + "/qemu/101")
                .header("Authorization", "PVEAPIToken=" + token)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .method("DELETE", HttpRequest.BodyPublishers.ofString("purge=1"))
                .build());
        assertThat(r.statusCode()).isEqualTo(501);
        assertThat(MAPPER.readTree(r.body()).get("message").asText())
                .isEqualTo("Unexpected content for method 'DELETE'\n");
    }

    @Test
    void jsonBodiesWorkWithBooleansAsZeroOrOne() throws Exception {
        String body =
                "{\"vmid\":150,\"name\":\"from-json\",\"start\":false,\"onboot\":true,\"net0\":\"virtio,bridge=vmbr0\"}";
        JsonNode upid = data(send(req("/nodes/" + N1 + "/qemu")
                .header("Authorization", "PVEAPIToken=" + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build()));
        assertThat(upid.asText()).contains(":qmcreate:150:");
        JsonNode conf = data(send(req("/nodes/" + N1 + "/qemu/150/config")
                .header("Authorization", "PVEAPIToken=" + token)
                .build()));
        assertThat(conf.get("name").asText()).isEqualTo("from-json");
        assertThat(conf.get("onboot").asInt()).isEqualTo(1);
    }

    @Test
    void queryParametersOverrideBodyParameters() throws Exception {
        HttpResponse<String> r = send(req("/nodes/" + N1 + "/qemu/101/config?name=from-query")
                .header("Authorization", "PVEAPIToken=" + token)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .PUT(HttpRequest.BodyPublishers.ofString(form("name", "from-body", "cores", "3")))
                .build());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode conf = data(send(req("/nodes/" + N1 + "/qemu/101/config")
                .header("Authorization", "PVEAPIToken=" + token)
                .build()));
        assertThat(conf.get("name").asText()).isEqualTo("from-query");
        assertThat(conf.get("cores").asInt()).isEqualTo(3);
    }

    @Test
    void formBooleansTrueAreRejectedAs400() throws Exception {
        HttpResponse<String> r = send(req("/nodes/" + N1 + "/qemu/101/config")
                .header("Authorization", "PVEAPIToken=" + token)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .PUT(HttpRequest.BodyPublishers.ofString(form("onboot", "true")))
                .build());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(MAPPER.readTree(r.body()).get("errors").get("onboot").asText())
                .isEqualTo("type check ('boolean') failed - got 'true'");
    }

    @Test
    void multipartIsoUploadLandsInTheStorage() throws Exception {
        String boundary = "----underlay" + System.nanoTime();
        byte[] iso = new byte[64 * 1024];
        StringBuilder head = new StringBuilder();
        head.append("--")
                .append(boundary)
                .append("\r\nContent-Disposition: form-data; name=\"content\"\r\n\r\niso\r\n");
        head.append("--")
                .append(boundary)
                .append("\r\nContent-Disposition: form-data; name=\"filename\"; filename=\"talos.iso\"\r\n")
                .append("Content-Type: application/octet-stream\r\n\r\n");
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[headBytes.length + iso.length + tail.length];
        System.arraycopy(headBytes, 0, body, 0, headBytes.length);
        System.arraycopy(iso, 0, body, headBytes.length, iso.length);
        System.arraycopy(tail, 0, body, headBytes.length + iso.length, tail.length);
        JsonNode upid = data(send(req("/nodes/" + N1 + "/storage/local/upload")
                .header("Authorization", "PVEAPIToken=" + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build()));
        assertThat(upid.asText()).contains(":imgcopy:");
        JsonNode content = data(send(req("/nodes/" + N1 + "/storage/local/content?content=iso")
                .header("Authorization", "PVEAPIToken=" + token)
                .build()));
        assertThat(content).anySatisfy(v -> {
            assertThat(v.get("volid").asText()).isEqualTo("local:iso/talos.iso");
            assertThat(v.get("size").asLong()).isEqualTo(iso.length);
        });
    }

    @Test
    void reasonPhrasesCarryThePveErrorAndProxyFailuresHaveNoBody() throws Exception {
        HttpsURLConnection missing = open("/nodes/" + N1 + "/qemu/999/config");
        assertThat(missing.getResponseCode()).isEqualTo(500);
        assertThat(missing.getResponseMessage())
                .isEqualTo("Configuration file 'nodes/pve-ms01-01/qemu-server/999.conf' does not exist");
        missing.disconnect();

        sim.faults().nodeOffline("pve-aimax-01");
        try {
            HttpsURLConnection offline = open("/nodes/pve-aimax-01/status");
            assertThat(offline.getResponseCode()).isEqualTo(595);
            assertThat(offline.getResponseMessage())
                    .isEqualTo("Errors during connection establishment, proxy handshake: Connection refused");
            assertThat(
                            offline.getErrorStream() == null
                                    ? 0
                                    : offline.getErrorStream().readAllBytes().length)
                    .isZero();
            offline.disconnect();
        } finally {
            sim.faults().nodeOnline("pve-aimax-01");
        }
    }

    @Test
    void pathsOutsideApi2JsonAre404() throws Exception {
        assertThat(send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + "/pve-docs/"))
                                .build())
                        .statusCode())
                .isEqualTo(404);
    }

    private static HttpsURLConnection open(String path) throws Exception {
        HttpsURLConnection c =
                (HttpsURLConnection) URI.create(server.baseUrl() + path).toURL().openConnection();
        c.setSSLSocketFactory(tls.getSocketFactory());
        c.setRequestProperty("Authorization", "PVEAPIToken=" + token);
        c.setConnectTimeout(10_000);
        c.setReadTimeout(20_000);
        return c;
    }
}
