package dev.underlay.ceph.dashboard;

import dev.underlay.ceph.CephConflictException;
import dev.underlay.ceph.CephInvalidRequestException;
import dev.underlay.ceph.CephNotFoundException;
import dev.underlay.ceph.OperationWait;
import dev.underlay.ceph.model.CephOperation;
import dev.underlay.ceph.model.CrushRule;
import dev.underlay.ceph.model.Osd;
import dev.underlay.ceph.model.PgAutoscaleMode;
import dev.underlay.ceph.model.Pool;
import dev.underlay.ceph.model.PoolChange;
import dev.underlay.ceph.model.PoolRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@link DashboardCephApi} against a real Ceph 16 (Debian 12 packages): one host, three memstore OSDs on
 * 127.0.0.1, bootstrapped by {@code src/it/ceph/ceph-up.sh} for this class and torn down after it, also when a test
 * fails. Skips without the packages, except under {@code UNDERLAY_IT_STRICT=true} (CI), where it fails.
 */
class DashboardCephApiRealCephIT {

    private static final Duration CEPH_SETTLES = Duration.ofSeconds(60);

    @TempDir
    static Path work;

    private static long classStart;
    private static RealCephCluster cluster;
    private static DashboardCephApi ceph;

    @BeforeAll
    static void startCeph() throws Exception {
        RealCephCluster.requireInstalled();
        classStart = System.nanoTime();
        cluster = RealCephCluster.start(work);
        System.out.printf("real Ceph bootstrapped in %.2f s (ceph-up.sh)%n", cluster.bootstrapSeconds());
        ceph = new DashboardCephApi(
                cluster.settings(), new OperationWait(Duration.ofSeconds(30), Duration.ofMillis(250)));
    }

    @AfterAll
    static void stopCeph() throws Exception {
        if (ceph != null) {
            ceph.close();
        }
        if (cluster != null) {
            cluster.close();
            System.out.printf(
                    "real Ceph test class took %.1f s including bootstrap and teardown%n",
                    (System.nanoTime() - classStart) / 1e9);
        }
    }

    @Test
    void theSeedsPoolsScaledToOneHost() throws Exception {
        // the seed's vm-disks (3/2, 128 PGs) and backups (2/1): sizes fit three OSDs, PGs scaled down 4x
        CephOperation vmDisks = ceph.createPool(
                new PoolRequest("vm-disks", 3, 2, 32, PgAutoscaleMode.OFF, 0.2, "rbd", "replicated_rule"));
        CephOperation backups = ceph.createPool(PoolRequest.replicated("backups", 2, 1, 16, "rbd"));

        assertThat(vmDisks.finished()).isTrue();
        assertThat(backups.finished()).isTrue();
        Pool pool = ceph.pool("vm-disks").orElseThrow();
        assertThat(pool.size()).isEqualTo(3);
        assertThat(pool.minSize()).isEqualTo(2);
        assertThat(pool.pgNum()).isEqualTo(32);
        assertThat(pool.pgAutoscaleMode()).isEqualTo(PgAutoscaleMode.OFF);
        assertThat(pool.targetSizeRatio()).isEqualTo(0.2);
        assertThat(pool.crushRule()).isEqualTo("replicated_rule");
        assertThat(pool.applications()).containsExactly("rbd");
        assertThat(pool.usageOpt()).hasValueSatisfying(u -> {
            assertThat(u.holdsData()).isFalse();
            assertThat(u.maxAvailBytes()).isPositive();
        });
        assertThat(ceph.pool("backups").orElseThrow())
                .extracting(Pool::size, Pool::minSize, Pool::pgNum)
                .containsExactly(2, 1, 16);
        await().atMost(CEPH_SETTLES).until(() -> ceph.health().allPgsActiveClean());
    }

    @Test
    void pgNumAndApplicationChange() throws Exception {
        ceph.createPool(PoolRequest.replicated("grow", 3, 2, 8, "rbd"));

        CephOperation split = ceph.updatePool("grow", PoolChange.pgNum(16));
        await().atMost(CEPH_SETTLES).until(() -> ceph.isFinished(split));
        CephOperation relabel = ceph.updatePool("grow", PoolChange.application("rgw"));

        assertThat(relabel.finished()).isTrue();
        Pool pool = ceph.pool("grow").orElseThrow();
        assertThat(pool.pgNum()).isEqualTo(16);
        assertThat(pool.applications()).containsExactly("rgw");
    }

    @Test
    void writtenObjectsShowInTheUsage() throws Exception {
        ceph.createPool(PoolRequest.replicated("data", 3, 2, 8, "rgw"));
        Path object = work.resolve("object.bin");
        byte[] bytes = new byte[1 << 20];
        new Random(7).nextBytes(bytes);
        Files.write(object, bytes);

        for (int i = 0; i < 3; i++) {
            cluster.radosPut("data", "object-" + i, object);
        }

        await().atMost(CEPH_SETTLES)
                .untilAsserted(() -> assertThat(ceph.pool("data").orElseThrow().usage())
                        .satisfies(u -> {
                            assertThat(u.objects()).isEqualTo(3);
                            assertThat(u.stored()).isGreaterThanOrEqualTo(3L << 20);
                            // memstore reports raw use without the replicas, so only a lower bound of one copy holds
                            // here
                            assertThat(u.bytesUsed()).isGreaterThanOrEqualTo(3L << 20);
                            assertThat(u.holdsData()).isTrue();
                        }));
    }

    @Test
    void anEmptyPoolIsDeleted() throws Exception {
        ceph.createPool(PoolRequest.replicated("scratch", 3, 2, 8, null));

        CephOperation deleted = ceph.deletePool("scratch");

        assertThat(deleted.finished()).isTrue();
        assertThat(ceph.pool("scratch")).isEmpty();
        assertThatThrownBy(() -> ceph.deletePool("scratch")).isInstanceOf(CephNotFoundException.class);
    }

    @Test
    void badRequestsAreRefusedWithTheirClass() throws Exception {
        ceph.createPool(PoolRequest.replicated("taken", 3, 2, 8, "rbd"));

        assertThatThrownBy(() -> ceph.createPool(PoolRequest.replicated("bad name/with*chars", 3, 2, 8, "rbd")))
                .isInstanceOfSatisfying(
                        CephInvalidRequestException.class,
                        e -> assertThat(e.field()).contains("name"));
        assertThatThrownBy(() -> ceph.createPool(PoolRequest.replicated("taken", 3, 2, 8, "rbd")))
                .isInstanceOf(CephConflictException.class);
        assertThatThrownBy(() -> ceph.createPool(PoolRequest.replicated("huge", 3, 2, 100_000, "rbd")))
                .isInstanceOfSatisfying(CephInvalidRequestException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.field()).contains("pg_num");
                });
        assertThatThrownBy(() -> ceph.updatePool("taken", new PoolChange(null, 5, null, null, null, null, null)))
                .isInstanceOfSatisfying(
                        CephInvalidRequestException.class,
                        e -> assertThat(e.httpStatus()).isEqualTo(400));
        assertThatThrownBy(() -> ceph.updatePool("taken", new PoolChange(1, null, null, null, null, null, null)))
                .isInstanceOfSatisfying(
                        CephInvalidRequestException.class,
                        e -> assertThat(e.field()).contains("size"));
        assertThatThrownBy(() -> ceph.updatePool("nope", PoolChange.pgNum(16)))
                .isInstanceOf(CephNotFoundException.class);
        assertThat(ceph.pool("huge")).isEmpty();
    }

    @Test
    void aPgNumThatIsNoPowerOfTwoIsAcceptedAndWarnedAbout() throws Exception {
        // Ceph takes pg_num 12 and only warns; the CRD's power-of-two rule is what keeps it out
        ceph.createPool(PoolRequest.replicated("odd", 3, 2, 12, "rbd"));

        assertThat(ceph.pool("odd").orElseThrow().pgNum()).isEqualTo(12);
        await().atMost(CEPH_SETTLES).until(() -> ceph.health().checks().containsKey("POOL_PG_NUM_NOT_POWER_OF_TWO"));
        ceph.deletePool("odd");
    }

    @Test
    void nooutOsdsAndCrushRules() throws Exception {
        ceph.setNoout(true);
        boolean flagged = ceph.osdFlags().contains("noout");
        await().atMost(CEPH_SETTLES).until(() -> ceph.health().checks().containsKey("OSDMAP_FLAGS"));
        ceph.setNoout(false);

        assertThat(flagged).isTrue();
        assertThat(ceph.osdFlags()).doesNotContain("noout").contains("sortbitwise");
        assertThat(ceph.osdTree().osds())
                .hasSize(3)
                .allSatisfy(o -> assertThat(o.up() && o.in()).isTrue())
                .extracting(Osd::name)
                .containsExactlyInAnyOrder("osd.0", "osd.1", "osd.2");
        assertThat(ceph.crushRules()).extracting(CrushRule::name).contains("replicated_rule");
        assertThat(ceph.health().numUpOsds()).isEqualTo(3);
        assertThat(ceph.health().quorumNames()).containsExactly("a");
    }
}
