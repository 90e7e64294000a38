package dev.underlay.bench;

import dev.underlay.simulator.pve.PveSimulator;
import dev.underlay.simulator.pve.PveVersion;
import dev.underlay.simulator.pve.VmSeed;
import dev.underlay.simulator.pve.http.PveHttpServer;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Throughput of the simulator's HTTPS facade on loopback: a fixed number of simple authenticated
 * GETs over keep-alive HTTP/1.1 connections from the JDK HttpClient. Bounded in count; prints
 * requests/s. Run with {@code ./mvnw -B -Pbench test}; target ≥ 2,000 requests/s.
 */
class PveHttpThroughputBenchmark {

    private static final int WARMUP = 2_000;
    private static final int REQUESTS = 20_000;
    private static final int CONCURRENCY = 8;
    private static final double TARGET_PER_SECOND = 2_000;

    @Test
    void simpleGetsPerSecond() throws Exception {
        PveSimulator sim = PveSimulator.builder()
                .version(PveVersion.PVE_9_1)
                .vm(VmSeed.of(101, "pve-ms01-01").name("a").disk("scsi0", "vm-disks", 8))
                .vm(VmSeed.of(102, "pve-ms01-02").name("b").disk("scsi0", "vm-disks", 8))
                .build();
        try (PveHttpServer server = PveHttpServer.start(sim, 0)) {
            HttpClient client = HttpClient.newBuilder()
                    .sslContext(trusting(server.certificatePem()))
                    .version(HttpClient.Version.HTTP_1_1)
                    .build();
            String auth = "PVEAPIToken=" + sim.credentials().tokenId() + "="
                    + sim.credentials().tokenSecret();
            for (String path : List.of("/version", "/cluster/resources")) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                        .header("Authorization", auth)
                        .timeout(Duration.ofSeconds(30))
                        .build();
                run(client, request, WARMUP);
                sim.journal().clear();
                long t0 = System.nanoTime();
                int ok = run(client, request, REQUESTS);
                double seconds = (System.nanoTime() - t0) / 1e9;
                double perSecond = REQUESTS / seconds;
                System.out.printf(
                        Locale.ROOT,
                        "GET %s: %d requests, %d concurrent, %.2f s, %.0f requests/s%n",
                        path,
                        REQUESTS,
                        CONCURRENCY,
                        seconds,
                        perSecond);
                assertThat(ok).isEqualTo(REQUESTS);
                assertThat(sim.journal().entries()).hasSize(REQUESTS);
                assertThat(perSecond).as("requests/s for %s", path).isGreaterThanOrEqualTo(TARGET_PER_SECOND);
            }
        }
    }

    private static int run(HttpClient client, HttpRequest request, int count) throws Exception {
        AtomicInteger remaining = new AtomicInteger(count);
        AtomicInteger ok = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < CONCURRENCY; i++) {
                workers.add(pool.submit(() -> {
                    while (remaining.getAndDecrement() > 0) {
                        HttpResponse<Void> r = client.send(request, HttpResponse.BodyHandlers.discarding());
                        if (r.statusCode() == 200) {
                            ok.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return ok.get();
    }

    private static SSLContext trusting(String pem) throws Exception {
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
}
