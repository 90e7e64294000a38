package dev.underlay.metrics;

import dev.underlay.observe.ClusterKey;
import dev.underlay.observe.Snapshots;
import dev.underlay.proxmox.ProxmoxApi;
import dev.underlay.proxmox.model.NotBackedUp;
import dev.underlay.testing.UnderlayConfigStub;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cluster gauges as Prometheus scrapes them: exporter-compatible names, values from the snapshot, and no series left
 * behind for a guest, a lock or a cluster that is gone.
 */
class ClusterMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicReference<Instant> now = new AtomicReference<>(Snapshots.AT);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final ClusterMetrics metrics = new ClusterMetrics(registry, clock, UnderlayConfigStub.of(Map.of()));

    @Test
    void aSnapshotBecomesExporterStyleSeries() {
        metrics.snapshotTaken(
                Snapshots.homelab()
                        .vm(101, "pve-ms01-01", "running", "backup", 0.25, 2L << 30)
                        .haService("vm:101", "started")
                        .storage("vm-disks", "pve-ms01-01", "available")
                        .build(),
                Duration.ofMillis(12));
        now.set(Snapshots.AT.plusSeconds(30));
        String scrape = registry.scrape();

        assertThat(scrape)
                .contains("pve_up{cluster=\"ns/homelab\",id=\"cluster\",} 1.0")
                .contains("pve_up{cluster=\"ns/homelab\",id=\"qemu/101\",} 1.0")
                .contains("pve_up{cluster=\"ns/homelab\",id=\"node/pve-ms01-01\",} 1.0")
                .contains("pve_cluster_quorate{cluster=\"ns/homelab\",} 1.0")
                .contains("pve_nodes_online{cluster=\"ns/homelab\",} 3.0")
                .contains("pve_cpu_usage_ratio{cluster=\"ns/homelab\",id=\"qemu/101\",} 0.25")
                .contains("pve_memory_usage_bytes{cluster=\"ns/homelab\",id=\"qemu/101\",} 2.147483648E9")
                .contains("pve_lock_state{cluster=\"ns/homelab\",id=\"qemu/101\",state=\"backup\",} 1.0")
                .contains("pve_ha_state{cluster=\"ns/homelab\",id=\"qemu/101\",state=\"started\",} 1.0")
                .contains("pve_ceph_health{cluster=\"ns/homelab\",status=\"HEALTH_OK\",} 0.0")
                .contains("pve_ceph_osds_up{cluster=\"ns/homelab\",} 6.0")
                .contains("pve_disk_size_bytes{cluster=\"ns/homelab\",id=\"storage/pve-ms01-01/vm-disks\",}")
                .contains("pve_version_info{cluster=\"ns/homelab\",release=\"9.1\",")
                .contains("underlay_snapshot_age_seconds{cluster=\"ns/homelab\",} 30.0")
                .contains("underlay_snapshot_duration_seconds_count{cluster=\"ns/homelab\",} 1.0");
        assertThat(scrape)
                .containsPattern("pve_guest_info\\{cluster=\"ns/homelab\",id=\"qemu/101\",name=\"vm-101\","
                        + "node=\"pve-ms01-01\",tags=\"talos\",template=\"0\",type=\"qemu\",} 1.0");
    }

    @Test
    void seriesOfWhatIsGoneAreRemoved() {
        metrics.snapshotTaken(
                Snapshots.homelab()
                        .vm(101, "pve-ms01-01", "running", "backup", 0.25, 2L << 30)
                        .vm(102, "pve-ms01-02", "running")
                        .build(),
                Duration.ofMillis(5));
        metrics.snapshotTaken(
                Snapshots.homelab().vm(102, "pve-ms01-01", "running").build(), Duration.ofMillis(5));
        String scrape = registry.scrape();

        assertThat(scrape)
                .doesNotContain("qemu/101")
                .doesNotContain("pve_lock_state{")
                .contains("pve_guest_info{cluster=\"ns/homelab\",id=\"qemu/102\",name=\"vm-102\",node=\"pve-ms01-01\"")
                .doesNotContain("node=\"pve-ms01-02\",tags");

        ClusterKey other = new ClusterKey("ns", "other");
        metrics.snapshotTaken(
                Snapshots.homelab()
                        .cluster(other)
                        .vm(300, "pve-ms01-01", "running")
                        .build(),
                Duration.ofMillis(5));
        metrics.forget(Snapshots.CLUSTER);
        scrape = registry.scrape();
        assertThat(scrape).doesNotContain("cluster=\"ns/homelab\"").contains("cluster=\"ns/other\"");
    }

    @Test
    void anUnreachableClusterDropsUpToZero() {
        metrics.snapshotTaken(Snapshots.homelab().build(), Duration.ofMillis(5));
        metrics.unreachable(Snapshots.CLUSTER);
        assertThat(registry.scrape()).contains("pve_up{cluster=\"ns/homelab\",id=\"cluster\",} 0.0");
    }

    @Test
    void notBackedUpIsReadOnItsOwnSlowerPeriod() {
        AtomicInteger calls = new AtomicInteger();
        AtomicReference<List<NotBackedUp>> guests =
                new AtomicReference<>(List.of(new NotBackedUp(104, "qemu", "scratch")));
        ProxmoxApi api = (ProxmoxApi) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {ProxmoxApi.class}, (proxy, method, args) -> {
                    assertThat(method.getName()).isEqualTo("notBackedUp");
                    calls.incrementAndGet();
                    return guests.get();
                });

        metrics.refreshNotBackedUp(Snapshots.CLUSTER, api);
        now.set(Snapshots.AT.plus(Duration.ofMinutes(14)));
        metrics.refreshNotBackedUp(Snapshots.CLUSTER, api);
        assertThat(calls).as("default interval 15m: one call").hasValue(1);
        assertThat(registry.scrape())
                .contains("pve_not_backed_up_total{cluster=\"ns/homelab\",id=\"qemu/104\",} 1.0")
                .contains("pve_not_backed_up_info{cluster=\"ns/homelab\",id=\"qemu/104\",name=\"scratch\",} 1.0");

        guests.set(List.of());
        now.set(Snapshots.AT.plus(Duration.ofMinutes(15)));
        metrics.refreshNotBackedUp(Snapshots.CLUSTER, api);
        assertThat(calls).hasValue(2);
        assertThat(registry.scrape())
                .doesNotContain("qemu/104")
                .contains("pve_not_backed_up_count{cluster=\"ns/homelab\",} 0.0");
    }
}
