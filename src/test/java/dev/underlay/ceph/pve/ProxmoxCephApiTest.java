package dev.underlay.ceph.pve;

import dev.underlay.ceph.CephApiException;
import dev.underlay.ceph.CephAuthenticationException;
import dev.underlay.ceph.CephConflictException;
import dev.underlay.ceph.CephInvalidRequestException;
import dev.underlay.ceph.CephNotFoundException;
import dev.underlay.ceph.CephUnsupportedException;
import dev.underlay.ceph.OperationWait;
import dev.underlay.ceph.model.CephHealth;
import dev.underlay.ceph.model.CephOperation;
import dev.underlay.ceph.model.Osd;
import dev.underlay.ceph.model.PgAutoscaleMode;
import dev.underlay.ceph.model.Pool;
import dev.underlay.ceph.model.PoolChange;
import dev.underlay.ceph.model.PoolRequest;
import dev.underlay.simulator.pve.Credentials;
import dev.underlay.simulator.pve.PveSimulator;
import dev.underlay.simulator.pve.PveSimulatorBuilder;
import dev.underlay.simulator.pve.PveVersion;
import dev.underlay.simulator.pve.SimulatedProxmoxApi;
import dev.underlay.simulator.pve.VmSeed;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The PVE backend of the Ceph seam against the PVE simulator's in-JVM facade (its reference homelab). */
class ProxmoxCephApiTest {

    private static final String MON_NODE = PveSimulatorBuilder.MS01_01;
    private static final OperationWait QUICK = new OperationWait(Duration.ofSeconds(5), Duration.ofMillis(10));

    private static PveSimulator simulator(PveSimulatorBuilder builder) {
        return builder.build().taskLatency(Duration.ZERO, Duration.ofMillis(20)).authFailureDelay(Duration.ZERO);
    }

    private static ProxmoxCephApi ceph(PveSimulator simulator, OperationWait wait) {
        return new ProxmoxCephApi(SimulatedProxmoxApi.create(simulator), MON_NODE, wait);
    }

    @Test
    void poolsAreCreatedChangedAndDeletedWithTheirSettingsAndUsage() throws Exception {
        ProxmoxCephApi ceph = ceph(simulator(PveSimulator.builder().version(PveVersion.PVE_9_1)), QUICK);

        CephOperation created = ceph.createPool(
                new PoolRequest("k8s-pvc", 3, 2, 32, PgAutoscaleMode.WARN, 0.2, "rbd", "replicated_rule"));
        Pool fresh = ceph.pool("k8s-pvc").orElseThrow();
        CephOperation changed =
                ceph.updatePool("k8s-pvc", new PoolChange(2, 1, 64, PgAutoscaleMode.OFF, null, null, null));
        Pool edited = ceph.pool("k8s-pvc").orElseThrow();
        CephOperation deleted = ceph.deletePool("k8s-pvc");

        assertThat(created.finished()).isTrue();
        assertThat(created.description()).isEqualTo("pool/create k8s-pvc");
        assertThat(fresh.size()).isEqualTo(3);
        assertThat(fresh.minSize()).isEqualTo(2);
        assertThat(fresh.pgNum()).isEqualTo(32);
        assertThat(fresh.pgAutoscaleMode()).isEqualTo(PgAutoscaleMode.WARN);
        assertThat(fresh.targetSizeRatio()).isEqualTo(0.2);
        assertThat(fresh.applications()).containsExactly("rbd");
        assertThat(fresh.crushRule()).isEqualTo("replicated_rule");
        assertThat(fresh.usageOpt())
                .hasValueSatisfying(u -> assertThat(u.holdsData()).isFalse());
        assertThat(changed.finished()).isTrue();
        assertThat(edited.size()).isEqualTo(2);
        assertThat(edited.minSize()).isEqualTo(1);
        assertThat(edited.pgNum()).isEqualTo(64);
        assertThat(edited.pgAutoscaleMode()).isEqualTo(PgAutoscaleMode.OFF);
        assertThat(deleted.finished()).isTrue();
        assertThat(ceph.pools()).extracting(Pool::name).containsExactly(".mgr", "vm-disks");
    }

    @Test
    void usageOfAPoolWithDisksIsReported() throws Exception {
        ProxmoxCephApi ceph = ceph(
                simulator(PveSimulator.builder()
                        .version(PveVersion.PVE_9_1)
                        .vm(VmSeed.of(101, MON_NODE).name("web").disk("scsi0", "vm-disks", 8))),
                QUICK);

        Pool pool = ceph.pools().stream()
                .filter(p -> p.name().equals("vm-disks"))
                .findFirst()
                .orElseThrow();

        assertThat(pool.usageOpt()).hasValueSatisfying(u -> {
            assertThat(u.stored()).isEqualTo(8L << 30);
            assertThat(u.holdsData()).isTrue();
        });
    }

    @Test
    void checksBeforeItActs() throws Exception {
        ProxmoxCephApi ceph = ceph(simulator(PveSimulator.builder().version(PveVersion.PVE_9_1)), QUICK);

        assertThatThrownBy(() -> ceph.createPool(PoolRequest.replicated("vm-disks", 3, 2, 128, "rbd")))
                .isInstanceOf(CephConflictException.class)
                .hasMessageContaining("vm-disks");
        assertThatThrownBy(() -> ceph.createPool(PoolRequest.replicated("bad/name", 3, 2, 128, "rbd")))
                .isInstanceOfSatisfying(
                        CephInvalidRequestException.class,
                        e -> assertThat(e.field()).contains("name"));
        assertThatThrownBy(() -> ceph.updatePool("nope", PoolChange.pgNum(64)))
                .isInstanceOf(CephNotFoundException.class);
        assertThatThrownBy(() -> ceph.deletePool("nope")).isInstanceOf(CephNotFoundException.class);
        assertThat(ceph.pool("nope")).isEmpty();
    }

    @Test
    void pveRefusalsArriveClassified() throws Exception {
        PveSimulator simulator = simulator(PveSimulator.builder().version(PveVersion.PVE_9_1));
        ProxmoxCephApi ceph = ceph(simulator, QUICK);
        ProxmoxCephApi wrongToken = new ProxmoxCephApi(
                SimulatedProxmoxApi.create(
                        simulator,
                        Credentials.token(PveSimulatorBuilder.TOKEN_ID, "00000000-0000-0000-0000-000000000000")),
                MON_NODE,
                QUICK);

        assertThatThrownBy(() -> ceph.createPool(PoolRequest.replicated("tiny", 9, 2, 128, "rbd")))
                .isInstanceOfSatisfying(
                        CephInvalidRequestException.class,
                        e -> assertThat(e.field()).contains("size"));
        assertThatThrownBy(wrongToken::health).isInstanceOf(CephAuthenticationException.class);
        assertThatThrownBy(ceph::crushRules).isInstanceOf(CephUnsupportedException.class);
    }

    @Test
    void aSlowTaskIsHandedBackRunningAndCanBeAskedAboutLater() throws Exception {
        PveSimulator simulator = simulator(PveSimulator.builder().version(PveVersion.PVE_9_1));
        simulator.taskLatency("cephcreatepool", Duration.ofMillis(500));
        ProxmoxCephApi ceph = ceph(simulator, new OperationWait(Duration.ZERO, Duration.ofMillis(10)));

        CephOperation running = ceph.createPool(PoolRequest.replicated("slow", 3, 2, 32, "rbd"));

        assertThat(running.finished()).isFalse();
        assertThat(running.reference()).startsWith("UPID:" + MON_NODE + ":");
        await().atMost(Duration.ofSeconds(10)).until(() -> ceph.isFinished(running));
        assertThat(ceph.pool("slow")).isPresent();
    }

    @Test
    void aFailedTaskThrows() throws Exception {
        ProxmoxCephApi ceph = ceph(
                simulator(PveSimulator.builder()
                        .version(PveVersion.PVE_9_1)
                        .vm(VmSeed.of(101, MON_NODE).name("web").disk("scsi0", "vm-disks", 8))),
                QUICK);

        assertThatThrownBy(() -> ceph.deletePool("vm-disks"))
                .isExactlyInstanceOf(CephApiException.class)
                .hasMessageContaining("pool/delete vm-disks failed")
                .hasMessageContaining("still in use");
    }

    @Test
    void healthOsdsAndNooutFollowTheCluster() throws Exception {
        ProxmoxCephApi ceph = ceph(simulator(PveSimulator.builder().version(PveVersion.PVE_9_1)), QUICK);

        CephHealth healthy = ceph.health();
        ceph.setNoout(true);
        CephHealth flagged = ceph.health();
        boolean nooutSet = ceph.osdFlags().contains("noout");
        ceph.setNoout(false);

        assertThat(healthy.isOk()).isTrue();
        assertThat(healthy.numOsds()).isEqualTo(6);
        assertThat(healthy.numUpOsds()).isEqualTo(6);
        assertThat(healthy.allPgsActiveClean()).isTrue();
        assertThat(healthy.quorumNames()).hasSize(3);
        assertThat(flagged.status()).isEqualTo("HEALTH_WARN");
        assertThat(flagged.checks()).containsKey("OSDMAP_FLAGS");
        assertThat(nooutSet).isTrue();
        assertThat(ceph.osdFlags()).doesNotContain("noout");
        assertThat(ceph.osdTree().onHost(PveSimulatorBuilder.AIMAX_01))
                .extracting(Osd::id)
                .containsExactly(4, 5);
        assertThat(ceph.osdTree().osds()).allSatisfy(o -> assertThat(o.up()).isTrue());
    }
}
