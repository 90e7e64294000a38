package dev.underlay.bench;

import dev.underlay.api.v1alpha1.common.ConditionReasons;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.connection.SimulatorRegistry;
import dev.underlay.controller.proxmoxcluster.SimulatedCluster;
import dev.underlay.observe.ClusterSnapshotTaker;
import dev.underlay.simulator.pve.PveSimulator;
import dev.underlay.simulator.pve.PveSimulatorBuilder;
import dev.underlay.simulator.pve.PveVersion;
import dev.underlay.simulator.pve.VmSeed;
import dev.underlay.simulator.pve.journal.JournalEntry;
import dev.underlay.testing.DeployedCrds;
import dev.underlay.testing.Fixtures;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static dev.underlay.testing.Fixtures.readyReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Steady-state Proxmox calls per resync of the whole ProxmoxCluster controller (snapshot, HA layout and maintenance
 * seams as deployed, metrics) for the README's homelab cluster with 3, 100 and 1,000 VMs, counted on the simulator's request journal, and
 * the time one snapshot takes (in-JVM simulator: client, JSON and simulator work, no network). Goal: the same
 * number for every size, at most six. Run with {@code ./mvnw -B -Pbench test -Dtest=ClusterSnapshotBenchmark}.
 */
@QuarkusTest
@WithKubernetesTestServer(setup = DeployedCrds.class)
@TestProfile(ClusterSnapshotBenchmark.FastResync.class)
class ClusterSnapshotBenchmark {

    /** How the cluster under test is reached; the HTTPS variant overrides it. */
    protected SimulatedCluster connect(String namespace, PveSimulator simulator) {
        return SimulatedCluster.register(simulators, namespace, simulator);
    }

    protected String label() {
        return "in-JVM simulator";
    }

    private static final int RESYNCS = 20;
    private static final int GOAL = 6;
    /** The README example's spec (deploy/examples), HA groups included. */
    private static final String HOMELAB_SPEC = """
            clusterName: homelab-pve
            expectedNodes: [pve-ms01-01, pve-ms01-02, pve-aimax-01]
            haGroups:
              - {name: production, nodes: [pve-ms01-01, pve-ms01-02, pve-aimax-01]}
              - {name: ai-workloads, nodes: [pve-aimax-01], restricted: true}
              - {name: general, nodes: ["pve-ms01-01:2", "pve-ms01-02:1"]}
            """;

    public static class FastResync implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "underlay.backend",
                    "simulator",
                    "underlay.resync.calm",
                    "200ms",
                    "underlay.resync.busy",
                    "200ms",
                    "underlay.resync.waiting",
                    "1s");
        }
    }

    @Inject
    KubernetesClient client;

    @Inject
    protected SimulatorRegistry simulators;

    @Inject
    MeterRegistry meters;

    @Test
    void callsPerResyncDoNotGrowWithTheNumberOfGuests() {
        Map<Integer, Result> results = new LinkedHashMap<>();
        for (int vms : List.of(3, 100, 1000)) {
            results.put(vms, measure(vms));
        }
        results.forEach((vms, r) -> System.out.printf(
                Locale.ROOT,
                "%s, %5d VMs: %.2f PVE calls per resync over %d resyncs %s; snapshot %.1f ms mean, %.1f ms max%n",
                label(),
                vms,
                r.callsPerResync,
                RESYNCS,
                r.byPath,
                r.snapshotMeanMillis,
                r.snapshotMaxMillis));
        double reference = results.get(3).callsPerResync;
        assertThat(results.values()).allSatisfy(r -> {
            assertThat(r.callsPerResync).isLessThanOrEqualTo(GOAL);
            assertThat(r.callsPerResync).isEqualTo(reference);
        });
    }

    private Result measure(int vmCount) {
        String ns = Fixtures.namespace("bench-" + vmCount);
        PveSimulatorBuilder builder = PveSimulator.builder().version(PveVersion.PVE_9_1);
        String[] nodes = {PveSimulatorBuilder.MS01_01, PveSimulatorBuilder.MS01_02, PveSimulatorBuilder.AIMAX_01};
        for (int i = 0; i < vmCount; i++) {
            builder.vm(VmSeed.of(1000 + i, nodes[i % 3])
                    .name("guest-" + i)
                    .memoryMiB(512)
                    .running());
        }
        SimulatedCluster sim = connect(ns, builder.build());
        client.resource(sim.tokenSecret("pve-token")).create();
        ProxmoxCluster cluster = client.resource(sim.resource("homelab", "pve-token", HOMELAB_SPEC))
                .create();
        await().atMost(Duration.ofMinutes(2))
                .until(() -> ConditionReasons.RECONCILED.equals(readyReason(client, cluster))
                        && resyncs(sim.journalSince(0)) >= 2);

        Timer snapshots = meters.get("underlay.snapshot.duration")
                .tag("cluster", ns + "/homelab")
                .timer();
        long snapshotsBefore = snapshots.count();
        double timeBefore = snapshots.totalTime(TimeUnit.MILLISECONDS);
        int from = sim.journalSize();
        await().atMost(Duration.ofMinutes(5)).until(() -> resyncs(sim.journalSince(from)) >= RESYNCS + 1);
        List<JournalEntry> window = new ArrayList<>(sim.journalSince(from));
        // the window is [first /cluster/status, RESYNCS+1-th /cluster/status): exactly RESYNCS whole resyncs
        int start = indexOfResync(window, 0);
        int end = indexOfResync(window, RESYNCS);
        List<JournalEntry> steady = window.subList(start, end);
        Map<String, Long> byPath = steady.stream()
                .collect(Collectors.groupingBy(e -> e.method() + " " + e.path(), TreeMap::new, Collectors.counting()));
        double mean = (snapshots.totalTime(TimeUnit.MILLISECONDS) - timeBefore)
                / Math.max(1, snapshots.count() - snapshotsBefore);
        client.resource(cluster).delete();
        sim.close();
        return new Result(steady.size() / (double) RESYNCS, byPath, mean, snapshots.max(TimeUnit.MILLISECONDS));
    }

    private static long resyncs(List<JournalEntry> entries) {
        return entries.stream().filter(ClusterSnapshotBenchmark::startsResync).count();
    }

    private static int indexOfResync(List<JournalEntry> entries, int n) {
        int seen = -1;
        for (int i = 0; i < entries.size(); i++) {
            if (startsResync(entries.get(i)) && ++seen == n) {
                return i;
            }
        }
        throw new IllegalStateException("fewer than " + (n + 1) + " resyncs");
    }

    /** Every resync starts with the snapshot's first read. */
    private static boolean startsResync(JournalEntry entry) {
        return entry.method().equals("GET") && entry.path().equals("/cluster/status");
    }

    private record Result(
            double callsPerResync, Map<String, Long> byPath, double snapshotMeanMillis, double snapshotMaxMillis) {}

    static {
        // the snapshot is the fixed part of every resync; the rest is the seams' business
        assertThat(ClusterSnapshotTaker.CALLS_PER_SNAPSHOT).isEqualTo(5);
    }
}
