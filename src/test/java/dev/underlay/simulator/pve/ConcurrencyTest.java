package dev.underlay.simulator.pve;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrencyTest {

    @Test
    void concurrentCallersSeeOneConsistentCluster() throws Exception {
        SimFixture f = new SimFixture(PveVersion.PVE_9_1);
        Set<String> upids = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int base = 1000 + t * 100;
                jobs.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        SimResponse r = f.call(
                                "POST",
                                "/nodes/pve-ms01-01/qemu",
                                "vmid",
                                Integer.toString(base + i),
                                "scsi0",
                                "vm-disks:1",
                                "net0",
                                "virtio,bridge=vmbr0");
                        assertThat(r.status()).isEqualTo(200);
                        upids.add(SimFixture.json(r).get("data").asText());
                        assertThat(f.call("GET", "/cluster/resources").status()).isEqualTo(200);
                    }
                    return null;
                }));
            }
            for (Future<?> j : jobs) {
                j.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(upids).hasSize(100);
        f.clock.advance(SimFixture.TASK_LATENCY.plusSeconds(1));
        assertThat(f.ok("GET", "/nodes/pve-ms01-01/qemu")).hasSize(100);
        assertThat(f.ok("GET", "/cluster/nextid").asText()).isEqualTo("100");
        assertThat(f.ok("GET", "/nodes/pve-ms01-01/storage/vm-disks/content")).hasSize(100);
        assertThat(f.sim.journal().count("POST", "/nodes/pve-ms01-01/qemu")).isEqualTo(100);
    }
}
