package dev.underlay.observe;

import dev.underlay.proxmox.AuthenticationException;
import dev.underlay.proxmox.ProxmoxApi;
import dev.underlay.simulator.pve.Credentials;
import dev.underlay.simulator.pve.PveSimulator;
import dev.underlay.simulator.pve.PveVersion;
import dev.underlay.simulator.pve.SimulatedProxmoxApi;
import dev.underlay.simulator.pve.VmSeed;
import dev.underlay.simulator.pve.journal.JournalEntry;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One snapshot is exactly five reads of cluster-wide endpoints, whatever the guests, and holds what they said. */
class ClusterSnapshotTakerTest {

    private static final Clock CLOCK = Clock.fixed(Snapshots.AT, ZoneOffset.UTC);

    @Test
    void fiveClusterWideReadsMakeTheSnapshot() throws Exception {
        PveSimulator simulator = PveSimulator.builder()
                .version(PveVersion.PVE_9_1)
                .vm(VmSeed.of(101, "pve-ms01-01").name("talos-k8s-01").disk("scsi0", "vm-disks", 8))
                .vm(VmSeed.of(102, "pve-ms01-02").name("talos-k8s-02").disk("scsi0", "vm-disks", 8))
                .build();
        ProxmoxApi api = api(simulator, simulator.credentials().tokenSecret());

        ClusterSnapshot snapshot = new ClusterSnapshotTaker(CLOCK)
                .take(Snapshots.CLUSTER, api, dev.underlay.proxmox.model.PveVersion.parse("9.1.3"));

        assertThat(simulator.journal().entries())
                .extracting(JournalEntry::path)
                .containsExactly(
                        "/cluster/status",
                        "/cluster/resources",
                        "/cluster/tasks",
                        "/cluster/ha/status/current",
                        "/cluster/ceph/status");
        assertThat(simulator.journal().entries()).hasSize(ClusterSnapshotTaker.CALLS_PER_SNAPSHOT);
        assertThat(snapshot.cluster()).isEqualTo(Snapshots.CLUSTER);
        assertThat(snapshot.fetchedAt()).isEqualTo(Snapshots.AT);
        assertThat(snapshot.status().clusterName()).isEqualTo("homelab-pve");
        assertThat(snapshot.isQuorate()).isTrue();
        assertThat(snapshot.nodes()).hasSize(3);
        assertThat(snapshot.vms()).extracting(v -> v.vmid()).containsExactlyInAnyOrder(101, 102);
        assertThat(snapshot.vm(102).orElseThrow().node()).isEqualTo("pve-ms01-02");
        assertThat(snapshot.storages()).isNotEmpty();
        assertThat(snapshot.ceph().orElseThrow().numOsds()).isEqualTo(6);
    }

    @Test
    void aClusterWithoutCephStillHasASnapshot() throws Exception {
        PveSimulator simulator = PveSimulator.homelab(PveVersion.PVE_8_4);
        simulator
                .faults()
                .failRequests("GET", "^/cluster/ceph/status$", 1, 500, "binary not installed: /usr/bin/ceph-mon");

        ClusterSnapshot snapshot = new ClusterSnapshotTaker(CLOCK)
                .take(
                        Snapshots.CLUSTER,
                        api(simulator, simulator.credentials().tokenSecret()),
                        dev.underlay.proxmox.model.PveVersion.parse("8.4.2"));

        assertThat(snapshot.ceph()).isEmpty();
        assertThat(snapshot.nodes()).hasSize(3);
    }

    @Test
    void aRefusedTokenFailsTheSnapshot() {
        PveSimulator simulator = PveSimulator.homelab(PveVersion.PVE_9_1).authFailureDelay(Duration.ZERO);
        assertThatThrownBy(() -> new ClusterSnapshotTaker(CLOCK)
                        .take(
                                Snapshots.CLUSTER,
                                api(simulator, "wrong"),
                                dev.underlay.proxmox.model.PveVersion.parse("9.1.3")))
                .isInstanceOf(AuthenticationException.class);
    }

    private static ProxmoxApi api(PveSimulator simulator, String secret) {
        return SimulatedProxmoxApi.create(
                simulator, Credentials.token(simulator.credentials().tokenId(), secret));
    }
}
