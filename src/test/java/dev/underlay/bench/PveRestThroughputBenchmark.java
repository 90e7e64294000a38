package dev.underlay.bench;

import dev.underlay.proxmox.ProxmoxApi;
import dev.underlay.proxmox.ProxmoxApiException;
import dev.underlay.proxmox.rest.PveClientFactory;
import dev.underlay.proxmox.rest.PveConnectionSettings;
import dev.underlay.simulator.pve.PveSimulator;
import dev.underlay.simulator.pve.PveVersion;
import dev.underlay.simulator.pve.VmSeed;
import dev.underlay.simulator.pve.http.PveHttpServer;
import dev.underlay.testing.DeployedCrds;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole REST path on loopback: {@code PveRestApi} → Quarkus REST client (fingerprint-pinned TLS, keep-alive) →
 * {@link PveHttpServer} → simulator, for simple GETs, one caller and several at once. Bounded in request count;
 * prints a table. Run with {@code ./mvnw -B -Pbench test -Dtest=PveRestThroughputBenchmark}; target ≥ 2,000 requests/s.
 */
@QuarkusTest
@WithKubernetesTestServer(setup = DeployedCrds.class)
class PveRestThroughputBenchmark {

    private static final int WARMUP = 3_000;
    private static final int SEQUENTIAL = 3_000;
    private static final int CONCURRENT = 15_000;
    private static final int THREADS = 8;
    private static final double TARGET_PER_SECOND = 2_000;

    @Test
    void simpleCallsPerSecond() throws Exception {
        // the tests log every request at DEBUG; measure at the production level
        Logger ours = Logger.getLogger("dev.underlay");
        Level testLevel = ours.getLevel();
        ours.setLevel(Level.INFO);
        try {
            measure();
        } finally {
            ours.setLevel(testLevel);
        }
    }

    private void measure() throws Exception {
        PveSimulator sim = PveSimulator.builder()
                .version(PveVersion.PVE_9_1)
                .vm(VmSeed.of(101, "pve-ms01-01").name("a").disk("scsi0", "vm-disks", 8))
                .vm(VmSeed.of(102, "pve-ms01-02").name("b").disk("scsi0", "vm-disks", 8))
                .build();
        try (PveHttpServer server = PveHttpServer.start(sim, 0);
                ProxmoxApi api = PveClientFactory.create(PveConnectionSettings.of(
                                List.of(URI.create(server.baseUrl())),
                                sim.credentials().tokenId(),
                                sim.credentials().tokenSecret())
                        .withFingerprint(server.fingerprint())
                        .withLimits(THREADS, 1_000_000))) {
            List<Call> calls = List.of(
                    new Call("GET /version", api::version),
                    new Call("GET /cluster/status", api::clusterStatus),
                    new Call("GET /cluster/resources", api::clusterResources));
            // JIT warm-up of client, TLS and server for every call before anything is measured
            for (Call call : calls) {
                run(call, WARMUP, 1);
                run(call, WARMUP, THREADS);
            }
            List<String> rows = new ArrayList<>();
            for (Call call : calls) {
                sim.journal().clear();
                double sequential = run(call, SEQUENTIAL, 1);
                double concurrent = run(call, CONCURRENT, THREADS);
                assertThat(sim.journal().matching(e -> e.status() == 200).size())
                        .as("answered requests of %s", call.name)
                        .isEqualTo(SEQUENTIAL + CONCURRENT);
                rows.add(String.format(
                        Locale.ROOT,
                        "| %-22s | %,10.0f | %6.3f | %,10.0f | %6.3f |",
                        call.name,
                        sequential,
                        1000 / sequential,
                        concurrent,
                        1000 * THREADS / concurrent));
                if (call.name.equals("GET /version")) {
                    assertThat(concurrent)
                            .as("requests/s with %d callers", THREADS)
                            .isGreaterThanOrEqualTo(TARGET_PER_SECOND);
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "%nPveRestApi -> HTTPS (pinned) -> PveHttpServer -> simulator, loopback%n"
                            + "| call                   | 1 caller/s | ms/req | %d callers/s | ms/req |%n"
                            + "|------------------------|-----------:|-------:|-----------:|-------:|%n",
                    THREADS);
            rows.forEach(System.out::println);
        }
    }

    /** Runs {@code count} calls on {@code threads} threads and returns calls per second. */
    private static double run(Call call, int count, int threads) throws Exception {
        AtomicInteger remaining = new AtomicInteger(count);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long t0 = System.nanoTime();
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                workers.add(pool.submit(() -> {
                    while (remaining.getAndDecrement() > 0) {
                        call.body.run();
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            return count / ((System.nanoTime() - t0) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    private record Call(String name, Body body) {}

    @FunctionalInterface
    private interface Body {
        Object run() throws ProxmoxApiException;
    }
}
