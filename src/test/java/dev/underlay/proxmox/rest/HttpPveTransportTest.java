package dev.underlay.proxmox.rest;

import dev.underlay.proxmox.AuthenticationException;
import dev.underlay.proxmox.LockedException;
import dev.underlay.proxmox.ProxmoxApiException;
import dev.underlay.proxmox.TlsVerificationException;
import dev.underlay.proxmox.TransientException;
import dev.underlay.proxmox.model.IsoUpload;
import dev.underlay.proxmox.model.PveVersion;
import dev.underlay.proxmox.model.Upid;
import dev.underlay.proxmox.model.VmConfigChange;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The HTTPS transport against a local scripted server. {@code QuarkusRestClientBuilder} refuses to build outside
 * a running Quarkus application (it needs the ArC container), hence {@code @QuarkusTest}; the Kubernetes mock
 * server only keeps the operator's startup happy. That extension also sets {@code quarkus.tls.trust-all=true}
 * JVM-wide, which the negative TLS tests prove has no effect on this client.
 */
@QuarkusTest
@WithKubernetesTestServer
class HttpPveTransportTest {

    static final String TOKEN_ID = "underlay@pve!operator";
    static final String SECRET = "5f0c6f4e-0d6b-4a43-9a3c-6b1f2f3d9e77";
    static final String VERSION_BODY =
            "{\"data\":{\"version\":\"9.1.4\",\"release\":\"9.1\",\"repoid\":\"5ac30304265fbd8e\"}}";

    static TestPki.Issued caA;
    static TestPki.Issued caB;
    static TestPki.Issued serverOfA;
    static TestPki.Issued otherHostOfA;

    final List<AutoCloseable> cleanup = new ArrayList<>();

    @BeforeAll
    static void pki() {
        caA = TestPki.ca("Test CA A");
        caB = TestPki.ca("Test CA B");
        serverOfA = TestPki.server(caA);
        otherHostOfA = TestPki.server(caA, "other.example");
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : cleanup) {
            c.close();
        }
    }

    @Test
    void sendsTokenHeaderAndEncodesQueryFormAndPath() throws Exception {
        FakePveServer server = track(FakePveServer.https(serverOfA));
        server.answer(s -> s.uri().contains("/status") && s.method().equals("GET")
                ? FakePveServer.Answer.ok("{\"data\":{\"upid\":\"UPID:pve1:000FF1FD:10F9374C:630D702C:qmstart:101:"
                        + "underlay@pve!operator:\",\"status\":\"running\"}}")
                : FakePveServer.Answer.ok("{\"data\":null}"));
        PveRestApi api = new PveRestApi(
                track(HttpPveTransport.create(settings(server).withCaPem(caA.certificatePem()))),
                PveVersion.parse("9.1.4"));

        Upid upid = Upid.parse("UPID:pve1:000FF1FD:10F9374C:630D702C:qmstart:101:underlay@pve!operator:");
        assertThat(api.taskStatus(upid).running()).isTrue();
        api.updateVmConfig(
                "pve1",
                101,
                VmConfigChange.builder()
                        .set("name", "talos cp 1")
                        .delete("net1")
                        .delete("scsi2")
                        .digest("abc")
                        .build());
        api.deleteHaResource("vm:101", true);

        List<FakePveServer.Seen> seen = server.requests();
        assertThat(seen)
                .allSatisfy(s -> assertThat(s.headers().get("Authorization"))
                        .isEqualTo("PVEAPIToken=" + TOKEN_ID + "=" + SECRET));
        assertThat(seen.get(0).uri())
                .isEqualTo(
                        "/api2/json/nodes/pve1/tasks/"
                                + "UPID%3Apve1%3A000FF1FD%3A10F9374C%3A630D702C%3Aqmstart%3A101%3Aunderlay%40pve%21operator%3A/status");
        assertThat(seen.get(1).method()).isEqualTo("PUT");
        assertThat(seen.get(1).contentType()).startsWith("application/x-www-form-urlencoded");
        assertThat(seen.get(1).body()).isEqualTo("name=talos%20cp%201&delete=net1%2Cscsi2&digest=abc");
        assertThat(seen.get(2).method()).isEqualTo("DELETE");
        assertThat(seen.get(2).uri()).isEqualTo("/api2/json/cluster/ha/resources/vm%3A101?purge=1");
        assertThat(seen.get(2).body()).isEmpty();
    }

    @Test
    void trustsServerSignedByConfiguredCa() throws Exception {
        assertThat(ConfigProvider.getConfig().getOptionalValue("quarkus.tls.trust-all", Boolean.class))
                .as("the test environment trusts everything by default; our client must not")
                .contains(true);
        FakePveServer server = track(FakePveServer.https(serverOfA)).answerAlways(200, "OK", VERSION_BODY);

        PveVersion version =
                api(settings(server).withCaPem(caA.certificatePem())).version();

        assertThat(version.isAtLeast(9, 1)).isTrue();
    }

    @Test
    void rejectsServerSignedByAnotherCaDespiteGlobalTrustAll() {
        FakePveServer server = track(FakePveServer.https(serverOfA)).answerAlways(200, "OK", VERSION_BODY);
        PveRestApi api = api(settings(server).withCaPem(caB.certificatePem()));

        assertThatThrownBy(api::version).isInstanceOfSatisfying(TlsVerificationException.class, e -> {
            assertThat(e.reason()).isEqualTo(TlsVerificationException.Reason.UNTRUSTED_CA);
            assertThat(e.isRetryable()).isFalse();
        });
        assertThat(server.arrived()).isZero();
    }

    @Test
    void rejectsTrustedCertificateForAnotherHost() {
        FakePveServer server = track(FakePveServer.https(otherHostOfA)).answerAlways(200, "OK", VERSION_BODY);
        PveRestApi api = api(settings(server).withCaPem(caA.certificatePem()));

        assertThatThrownBy(api::version)
                .isInstanceOfSatisfying(
                        TlsVerificationException.class,
                        e -> assertThat(e.reason()).isEqualTo(TlsVerificationException.Reason.HOSTNAME_MISMATCH));
    }

    @Test
    void pinAcceptsExactlyThatLeafWhateverItsIssuerAndNames() throws Exception {
        FakePveServer server = track(FakePveServer.https(otherHostOfA)).answerAlways(200, "OK", VERSION_BODY);
        String lowerCaseNoColons = otherHostOfA.fingerprint().replace(":", "").toLowerCase();

        PveVersion version =
                api(settings(server).withFingerprint(lowerCaseNoColons)).version();

        assertThat(version.major()).isEqualTo(9);
    }

    @Test
    void pinMismatchIsReportedDistinctly() {
        FakePveServer server = track(FakePveServer.https(serverOfA)).answerAlways(200, "OK", VERSION_BODY);
        PveRestApi api = api(settings(server).withFingerprint(otherHostOfA.fingerprint()));

        assertThatThrownBy(api::version).isInstanceOfSatisfying(TlsVerificationException.class, e -> {
            assertThat(e.reason()).isEqualTo(TlsVerificationException.Reason.FINGERPRINT_MISMATCH);
            assertThat(e.getMessage()).contains(serverOfA.fingerprint());
        });
    }

    @Test
    void insecureModeConnectsAndWarnsForEveryNewConnection() throws Exception {
        FakePveServer server = track(FakePveServer.https(otherHostOfA)).answerAlways(200, "OK", VERSION_BODY);
        try (LogCapture logs = new LogCapture()) {
            PveRestApi api = api(settings(server).withInsecureSkipVerify().withLimits(3, 1000));
            server.holdRequests();
            CompletableFuture<Void> first = CompletableFuture.runAsync(() -> call(api));
            CompletableFuture<Void> second = CompletableFuture.runAsync(() -> call(api));
            await().atMost(Duration.ofSeconds(30)).until(() -> server.arrived() == 2);
            server.release();
            CompletableFuture.allOf(first, second).get(30, TimeUnit.SECONDS);
            call(api);

            List<String> warnings = logs.messagesAtLeast(Level.WARNING).stream()
                    .filter(m -> m.contains("new connection") && m.contains("without TLS certificate verification"))
                    .toList();
            assertThat(server.connections())
                    .as("two requests in flight need two connections")
                    .isEqualTo(2);
            assertThat(server.arrived()).isEqualTo(3);
            assertThat(warnings).hasSize(server.connections());
            assertThat(logs.messagesAtLeast(Level.WARNING))
                    .anySatisfy(m -> assertThat(m).contains("TLS certificate verification is disabled"));
        }
    }

    private static void call(PveRestApi api) {
        try {
            api.version();
        } catch (ProxmoxApiException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void failsOverFromDeadEndpointAndRemembersTheLiveOne() throws Exception {
        FakePveServer live = track(FakePveServer.https(serverOfA)).answerAlways(200, "OK", VERSION_BODY);
        URI dead = URI.create("https://127.0.0.1:" + closedPort());
        URI alive = URI.create(live.url("https"));
        PveConnectionSettings settings = new PveConnectionSettings(
                List.of(dead, alive),
                TOKEN_ID,
                SECRET,
                caA.certificatePem(),
                null,
                false,
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                2,
                100);
        HttpPveTransport transport = track(HttpPveTransport.create(settings));
        PveRestApi api = new PveRestApi(transport);

        assertThat(api.version().major()).isEqualTo(9);
        assertThat(transport.preferredEndpoint()).isEqualTo(alive);
        api.version();
        assertThat(live.arrived()).isEqualTo(2);
    }

    @Test
    void fourHundredsDoNotFailOver() {
        FakePveServer first = track(FakePveServer.https(serverOfA))
                .answerAlways(403, "Permission check failed (/, Sys.Audit)", "{\"data\":null}");
        FakePveServer second = track(FakePveServer.https(serverOfA)).answerAlways(200, "OK", VERSION_BODY);
        PveConnectionSettings settings = new PveConnectionSettings(
                List.of(URI.create(first.url("https")), URI.create(second.url("https"))),
                TOKEN_ID,
                SECRET,
                caA.certificatePem(),
                null,
                false,
                null,
                null,
                2,
                100);
        PveRestApi api = new PveRestApi(track(HttpPveTransport.create(settings)));

        assertThatThrownBy(api::version).hasMessageContaining("403 Permission check failed (/, Sys.Audit)");
        assertThat(second.arrived()).isZero();
    }

    @Test
    void unreachableNodeAnswerFailsOverAndIsTransientWhenEveryEndpointSaysSo() {
        FakePveServer a = track(FakePveServer.https(serverOfA))
                .answerAlways(595, "Errors during connection establishment, proxy handshake: Connection refused", "");
        PveRestApi api = api(settings(a).withCaPem(caA.certificatePem()));

        assertThatThrownBy(() -> api.nodeStatus("pve2")).isInstanceOfSatisfying(TransientException.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(595);
            assertThat(e.getMessage()).contains("proxy handshake: Connection refused");
        });
    }

    @Test
    void unauthorisedWithEmptyBodyIsAnAuthenticationError() {
        FakePveServer server = track(FakePveServer.https(serverOfA)).answerAlways(401, "authentication failure", "");
        PveRestApi api = api(settings(server).withCaPem(caA.certificatePem()));

        assertThatThrownBy(api::clusterStatus).isInstanceOfSatisfying(AuthenticationException.class, e -> {
            assertThat(e.getMessage()).contains("401 authentication failure");
            assertThat(e.isRetryable()).isFalse();
        });
    }

    @Test
    void errorTextOnlyInReasonPhraseIsKept() {
        FakePveServer server = track(FakePveServer.https(serverOfA))
                .answerAlways(
                        500, "can't lock file '/var/lock/qemu-server/lock-203.conf' - got timeout", "{\"data\":null}");
        PveRestApi api = api(settings(server).withCaPem(caA.certificatePem()));

        assertThatThrownBy(() -> api.updateVmConfig(
                        "pve1", 203, VmConfigChange.builder().set("cores", "4").build()))
                .isInstanceOfSatisfying(LockedException.class, e -> {
                    assertThat(e.getMessage()).contains("lock-203.conf' - got timeout");
                    assertThat(e.isRetryable()).isTrue();
                });
    }

    @Test
    void neverHasMoreRequestsInFlightThanTheCap() throws Exception {
        FakePveServer server = track(FakePveServer.https(serverOfA)).answerAlways(200, "OK", VERSION_BODY);
        HttpPveTransport transport = track(HttpPveTransport.create(
                settings(server).withCaPem(caA.certificatePem()).withLimits(2, 1000)));
        PveRestApi api = new PveRestApi(transport);
        server.holdRequests();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<CompletableFuture<PveVersion>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return api.version();
                            } catch (ProxmoxApiException e) {
                                throw new IllegalStateException(e);
                            }
                        },
                        pool));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> server.arrived() == 2 && transport.queued() == 4);
            assertThat(server.inFlight()).isEqualTo(2);

            server.release();
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            assertThat(server.arrived()).isEqualTo(6);
            assertThat(server.maxInFlight()).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void readTimeoutIsBoundedAndTransient() {
        FakePveServer server = track(FakePveServer.https(serverOfA)).answerAlways(200, "OK", VERSION_BODY);
        server.holdRequests();
        PveRestApi api = api(settings(server)
                .withCaPem(caA.certificatePem())
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300)));

        assertTimeoutPreemptively(
                Duration.ofSeconds(20),
                () -> assertThatThrownBy(api::version)
                        .isInstanceOfSatisfying(
                                TransientException.class,
                                e -> assertThat(e.getMessage()).contains("no answer in time")));
    }

    @Test
    void stalledTlsHandshakeIsBoundedByTheConnectTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (!silent.isClosed()) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.start();
            PveConnectionSettings settings = PveConnectionSettings.of(
                            List.of(URI.create("https://127.0.0.1:" + silent.getLocalPort())), TOKEN_ID, SECRET)
                    .withCaPem(caA.certificatePem())
                    .withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(15));
            PveRestApi api = api(settings);

            assertTimeoutPreemptively(
                    Duration.ofSeconds(20),
                    () -> assertThatThrownBy(api::version)
                            .isInstanceOfSatisfying(
                                    TransientException.class,
                                    e -> assertThat(e.getMessage()).contains("cannot connect")));
            assertThat(accepted).isNotEmpty();
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    @Test
    void uploadsIsoAsMultipart(@TempDir Path dir) throws Exception {
        Path iso = Files.writeString(dir.resolve("talos.iso"), "not really an iso");
        FakePveServer server = track(FakePveServer.https(serverOfA))
                .answerAlways(
                        200,
                        "OK",
                        "{\"data\":\"UPID:pve1:00001234:00005678:6530A1B2:imgcopy::underlay@pve!operator:\"}");
        PveRestApi api = api(settings(server).withCaPem(caA.certificatePem()));

        Upid upid = api.uploadIso("pve1", "local", IsoUpload.iso(iso, "talos-v1.9.iso"));

        assertThat(upid.type()).isEqualTo("imgcopy");
        FakePveServer.Seen seen = server.requests().get(0);
        assertThat(seen.uri()).isEqualTo("/api2/json/nodes/pve1/storage/local/upload");
        assertThat(seen.contentType()).startsWith("multipart/form-data");
        assertThat(seen.body())
                .contains("name=\"content\"")
                .contains("iso")
                .contains("name=\"filename\"; filename=\"talos-v1.9.iso\"")
                .contains("not really an iso");
    }

    @Test
    void noSecretInMessagesToStringOrLogs() throws Exception {
        FakePveServer unauthorised = track(FakePveServer.https(serverOfA)).answerAlways(401, "No ticket", "");
        FakePveServer slow = track(FakePveServer.https(serverOfA));
        slow.holdRequests();
        List<String> texts = new ArrayList<>();
        try (LogCapture logs = new LogCapture()) {
            PveConnectionSettings base = settings(unauthorised).withCaPem(caA.certificatePem());
            texts.add(base.toString());
            texts.add(failure(() -> api(base).version()));
            texts.add(failure(() ->
                    api(settings(unauthorised).withCaPem(caB.certificatePem())).version()));
            texts.add(failure(() -> api(settings(slow)
                            .withCaPem(caA.certificatePem())
                            .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(200)))
                    .version()));
            PveConnectionSettings deadOnly = new PveConnectionSettings(
                    List.of(URI.create("https://127.0.0.1:" + closedPort())),
                    TOKEN_ID,
                    SECRET,
                    null,
                    null,
                    true,
                    null,
                    null,
                    1,
                    10);
            texts.add(failure(() -> api(deadOnly).version()));
            texts.add(new PveTokenAuthFilter(TOKEN_ID, SECRET).toString());
            texts.addAll(logs.messages());
        }
        assertThat(texts).hasSizeGreaterThan(6);
        assertThat(texts).noneSatisfy(t -> assertThat(t).contains(SECRET));
    }

    private String failure(ThrowingCall call) {
        try {
            call.run();
            throw new AssertionError("expected a failure");
        } catch (ProxmoxApiException e) {
            StringBuilder all = new StringBuilder(e.toString());
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                all.append(" | ").append(t);
            }
            return all.toString();
        }
    }

    interface ThrowingCall {
        void run() throws ProxmoxApiException;
    }

    private PveRestApi api(PveConnectionSettings settings) {
        return new PveRestApi(track(HttpPveTransport.create(settings)));
    }

    private static PveConnectionSettings settings(FakePveServer server) {
        return PveConnectionSettings.of(List.of(URI.create(server.url("https"))), TOKEN_ID, SECRET)
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(20))
                .withLimits(4, 1000);
    }

    private <T extends AutoCloseable> T track(T closeable) {
        cleanup.add(closeable);
        return closeable;
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
