package dev.underlay.bench;

import dev.underlay.proxmox.ProxmoxApi;
import dev.underlay.proxmox.model.CreateVmRequest;
import dev.underlay.proxmox.model.DiskDevice;
import dev.underlay.proxmox.model.NetDevice;
import dev.underlay.proxmox.model.VmOptions;
import dev.underlay.simulator.pve.PveSimulator;
import dev.underlay.simulator.pve.PveSimulatorBuilder;
import dev.underlay.simulator.pve.PveVersion;
import dev.underlay.simulator.pve.SimRequest;
import dev.underlay.simulator.pve.SimResponse;
import dev.underlay.simulator.pve.SimulatedProxmoxApi;
import dev.underlay.simulator.pve.VmSeed;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the typed client adds per call, measured in-JVM so that no network hides it: the same call once straight into
 * {@link PveSimulator#handle} (the simulator's own cost: routing, schema validation, handler, JSON writing) and once
 * through {@link SimulatedProxmoxApi} ({@code PveRestApi}: parameter encoding, path decoding, JSON parsing, mapping
 * to records, on top of the same simulator work). The difference is the client's encode + decode overhead. Rounds
 * alternate between the two so drift on a busy machine hits both; the median round is reported.
 * Run with {@code ./mvnw -B -Pbench test -Dtest=ProxmoxClientOverheadBenchmark}.
 */
class ProxmoxClientOverheadBenchmark {

    private static final String N1 = PveSimulatorBuilder.MS01_01;
    private static final int ROUNDS = 7;

    @Test
    void typedClientOverheadPerCall() throws Exception {
        List<String> rows = new ArrayList<>();
        for (int vms : new int[] {3, 100, 1_000}) {
            rows.add(clusterResources(vms));
        }
        rows.add(createVm());
        System.out.printf(
                Locale.ROOT,
                "%nPveRestApi over the in-JVM transport vs PveSimulator.handle(), median of %d"
                        + " rounds%n| call                                | handle() µs | PveRestApi µs | client µs |%n"
                        + "|-------------------------------------|------------:|--------------:|----------:|%n",
                ROUNDS);
        rows.forEach(System.out::println);
    }

    private static String clusterResources(int vmCount) throws Exception {
        PveSimulatorBuilder builder = PveSimulator.builder().version(PveVersion.PVE_9_1);
        String[] nodes = {PveSimulatorBuilder.MS01_01, PveSimulatorBuilder.MS01_02, PveSimulatorBuilder.AIMAX_01};
        for (int i = 0; i < vmCount; i++) {
            builder.vm(VmSeed.of(1000 + i, nodes[i % 3])
                    .name("vm-" + i)
                    .cores(2)
                    .memoryMiB(2048)
                    .disk("scsi0", "vm-disks", 8)
                    .net("net0", "virtio,bridge=vmbr0")
                    .tags("talos;bench"));
        }
        PveSimulator sim = builder.build();
        ProxmoxApi api = SimulatedProxmoxApi.create(sim);
        SimRequest raw = SimRequest.of("GET", "/cluster/resources", sim.operatorToken());
        assertThat(api.clusterResources()).hasSize(vmCount + 3 + 12);
        int calls = vmCount >= 1_000 ? 40 : vmCount >= 100 ? 300 : 2_000;
        Measured m = measure(calls, () -> ok(sim.handle(raw)), () -> api.clusterResources());
        return m.row(String.format(Locale.ROOT, "GET /cluster/resources, %,d VMs", vmCount));
    }

    private static String createVm() throws Exception {
        PveSimulator rawSim = quick(PveSimulator.homelab(PveVersion.PVE_9_1));
        PveSimulator typedSim = quick(PveSimulator.homelab(PveVersion.PVE_9_1));
        ProxmoxApi api = SimulatedProxmoxApi.create(typedSim);
        AtomicInteger rawId = new AtomicInteger(100);
        AtomicInteger typedId = new AtomicInteger(100);
        VmOptions options = VmOptions.builder()
                .name("bench")
                .cores(2)
                .memoryMiB(2048)
                .disk("scsi0", DiskDevice.parse("vm-disks:8,discard=on"))
                .net(0, NetDevice.virtio("vmbr0"))
                .agent(true)
                .build();
        Measured m = measure(
                150,
                () -> ok(rawSim.handle(SimRequest.of(
                        "POST",
                        "/nodes/" + N1 + "/qemu",
                        rawSim.operatorToken(),
                        "vmid",
                        Integer.toString(rawId.getAndIncrement()),
                        "name",
                        "bench",
                        "cores",
                        "2",
                        "memory",
                        "2048",
                        "scsi0",
                        "vm-disks:8,discard=on",
                        "net0",
                        "virtio,bridge=vmbr0",
                        "agent",
                        "enabled=1"))),
                () -> api.createVm(N1, CreateVmRequest.of(typedId.getAndIncrement(), options)));
        assertThat(api.nextVmid()).isEqualTo(typedId.get());
        return m.row("POST /nodes/{node}/qemu (create VM)");
    }

    private static PveSimulator quick(PveSimulator sim) {
        return sim.taskLatency(Duration.ZERO, Duration.ZERO);
    }

    private static SimResponse ok(SimResponse response) {
        if (response.status() != 200) {
            throw new IllegalStateException(response.status() + " " + response.reasonPhrase());
        }
        return response;
    }

    /** Alternating rounds of {@code calls} calls each, after two warm-up rounds; median microseconds per call. */
    private static Measured measure(int calls, Body raw, Body typed) throws Exception {
        double[] rawMicros = new double[ROUNDS];
        double[] typedMicros = new double[ROUNDS];
        for (int round = -2; round < ROUNDS; round++) {
            double r = perCall(calls, raw);
            double t = perCall(calls, typed);
            if (round >= 0) {
                rawMicros[round] = r;
                typedMicros[round] = t;
            }
        }
        return new Measured(median(rawMicros), median(typedMicros));
    }

    private static double perCall(int calls, Body body) throws Exception {
        long t0 = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            body.run();
        }
        return (System.nanoTime() - t0) / 1e3 / calls;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private record Measured(double handleMicros, double typedMicros) {
        String row(String name) {
            return String.format(
                    Locale.ROOT,
                    "| %-35s | %,11.1f | %,13.1f | %,9.1f |",
                    name,
                    handleMicros,
                    typedMicros,
                    typedMicros - handleMicros);
        }
    }

    @FunctionalInterface
    private interface Body {
        Object run() throws Exception;
    }
}
