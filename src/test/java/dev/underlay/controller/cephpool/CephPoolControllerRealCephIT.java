package dev.underlay.controller.cephpool;

import dev.underlay.api.v1alpha1.UnderlayApi;
import dev.underlay.api.v1alpha1.cephpool.CephPool;
import dev.underlay.api.v1alpha1.cephpool.CephPoolConditions;
import dev.underlay.api.v1alpha1.cephpool.CephPoolStatus;
import dev.underlay.api.v1alpha1.common.ConditionReasons;
import dev.underlay.api.v1alpha1.common.ConditionTypes;
import dev.underlay.ceph.CephApi;
import dev.underlay.ceph.CephApiException;
import dev.underlay.ceph.CephConflictException;
import dev.underlay.ceph.OperationWait;
import dev.underlay.ceph.dashboard.DashboardCephApi;
import dev.underlay.ceph.dashboard.RealCephCluster;
import dev.underlay.ceph.model.Pool;
import dev.underlay.ceph.pve.ProxmoxCephApi;
import dev.underlay.controller.support.ConditionState;
import dev.underlay.controller.support.InvalidSpecException;
import dev.underlay.controller.support.plan.Plan;
import dev.underlay.observe.ClusterKey;
import dev.underlay.proxmox.ProxmoxApi;
import dev.underlay.simulator.pve.PveSimulator;
import dev.underlay.simulator.pve.PveSimulatorBuilder;
import dev.underlay.simulator.pve.PveVersion;
import dev.underlay.simulator.pve.SimulatedProxmoxApi;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The CephPool controller's decide-and-act loop ({@link PoolFactsReader} → {@link CephPoolPlanner} →
 * {@link PoolActionRunner}, the same classes {@link CephPoolReconciler} calls) driven without Kubernetes against a
 * real single-host Ceph 16 through {@link DashboardCephApi} (bootstrapped by {@code src/it/ceph/ceph-up.sh}, three
 * memstore OSDs), then the same scenario against the PVE simulator through {@link ProxmoxCephApi}, and the two
 * reported states compared field by field. Skips without the Ceph packages, except under
 * {@code UNDERLAY_IT_STRICT=true}, where it fails.
 */
class CephPoolControllerRealCephIT {

    private static final String OPERATOR_ID = "underlay-it";
    private static final KubernetesSerialization YAML = new KubernetesSerialization();
    /** rados and the simulator both count objects of 4 MiB, so the same write gives the same object count. */
    private static final int OBJECT_BYTES = 4 << 20;

    private static final int OBJECTS = 3;

    @TempDir
    static Path work;

    private static long classStart;
    private static RealCephCluster cluster;

    @BeforeAll
    static void startCeph() throws Exception {
        RealCephCluster.requireInstalled();
        classStart = System.nanoTime();
        cluster = RealCephCluster.start(work);
        System.out.printf("real Ceph bootstrapped in %.2f s (ceph-up.sh)%n", cluster.bootstrapSeconds());
    }

    @AfterAll
    static void stopCeph() throws Exception {
        if (cluster != null) {
            cluster.close();
            System.out.printf(
                    "CephPoolControllerRealCephIT took %.1f s including bootstrap and teardown%n",
                    (System.nanoTime() - classStart) / 1e9);
        }
    }

    @Test
    void theControllerLoopReachesTheSameStatesOnRealCephAndOnTheSimulator() throws Exception {
        Map<String, Reported> real;
        long t0 = System.nanoTime();
        try (Backend dashboard = realCeph()) {
            real = scenario(dashboard);
        }
        System.out.printf("scenario on real Ceph (Dashboard): %.1f s%n", (System.nanoTime() - t0) / 1e9);
        t0 = System.nanoTime();
        Map<String, Reported> simulated;
        try (Backend pve = simulator()) {
            simulated = scenario(pve);
        }
        System.out.printf("scenario on the PVE simulator: %.1f s%n", (System.nanoTime() - t0) / 1e9);

        assertThat(simulated.keySet()).containsExactlyElementsOf(real.keySet());
        real.forEach((step, r) -> System.out.printf(
                "%-42s real: %-28s %s%n%-42s sim:  %-28s %s%n",
                step,
                r.ready(),
                r.message(),
                "",
                simulated.get(step).ready(),
                simulated.get(step).message()));
        real.forEach((step, onCeph) -> {
            Reported onSim = simulated.get(step);
            String as = step + "\n real: " + onCeph + "\n sim:  " + onSim;
            // must agree: the outcome (Ready and its reason) and the pool settings the controller converged
            assertThat(onSim.ready()).as(as).isEqualTo(onCeph.ready());
            assertThat(onSim.size()).as(as).isEqualTo(onCeph.size());
            assertThat(onSim.minSize()).as(as).isEqualTo(onCeph.minSize());
            assertThat(onSim.pgNum()).as(as).isEqualTo(onCeph.pgNum());
            assertThat(onSim.autoscale()).as(as).isEqualTo(onCeph.autoscale());
            assertThat(onSim.applications()).as(as).isEqualTo(onCeph.applications());
            // no usage yet counts as no objects: the Dashboard reports a new pool's usage a stats period late
            assertThat(Optional.ofNullable(onSim.objects()).orElse(0L))
                    .as(as)
                    .isEqualTo(Optional.ofNullable(onCeph.objects()).orElse(0L));
            assertThat(onSim.conditions().get(CephPoolConditions.MIN_SIZE_ONE_RISK))
                    .as(as)
                    .isEqualTo(onCeph.conditions().get(CephPoolConditions.MIN_SIZE_ONE_RISK));
            assertThat(onSim.conditions().get(CephPoolConditions.DELETION_BLOCKED))
                    .as(as)
                    .isEqualTo(onCeph.conditions().get(CephPoolConditions.DELETION_BLOCKED));
            // legitimately different, so not compared: bytes used/stored and max_avail (memstore vs the simulator's
            // model; they also reach the Dashboard a stats period late), PG states (real PGs peer, simulated ones are
            // clean at once), refusal messages (Ceph's text vs PVE's), and CrushRuleVerified: the Dashboard lists
            // CRUSH rules (True, AsExpected), the Proxmox API cannot (Unknown, CrushRuleUnverified)
            if (onCeph.ready() != null && onCeph.ready().startsWith("True")) {
                assertThat(onCeph.conditions().get(CephPoolConditions.CRUSH_RULE_VERIFIED))
                        .isEqualTo("True/" + ConditionReasons.AS_EXPECTED);
                assertThat(onSim.conditions().get(CephPoolConditions.CRUSH_RULE_VERIFIED))
                        .isEqualTo("Unknown/" + ConditionReasons.CRUSH_RULE_UNVERIFIED);
            }
        });
    }

    /** The seed's pools scaled to one host; each step's outcome is asserted here and returned for the comparison. */
    private static Map<String, Reported> scenario(Backend backend) throws Exception {
        Loop loop = new Loop(backend);
        Map<String, Reported> out = new LinkedHashMap<>();

        // the seed's vm-disks 3/2 with 128 PGs, scaled down 4x like DashboardCephApiRealCephIT (three OSDs on one
        // host fit size 3 because ceph-up.sh sets chooseleaf type 0)
        CephPool vmDisks = resource("vm-disks", "size: 3\nminSize: 2\npgNum: 32\npgAutoscaleMode: warn");
        Reported created = loop.converge(vmDisks);
        assertThat(created.ready()).isEqualTo("True/" + ConditionReasons.RECONCILED);
        assertThat(created.actions())
                .containsExactly(
                        "claiming pool name vm-disks", "creating pool vm-disks" + " (size 3, min_size 2, pg_num 32)");
        assertThat(created)
                .extracting(Reported::size, Reported::minSize, Reported::pgNum, Reported::autoscale)
                .containsExactly(3, 2, 32, "warn");
        assertThat(created.applications()).containsExactly("rbd");
        assertThat(created.conditions()).containsEntry(CephPoolConditions.MIN_SIZE_ONE_RISK, "False/AsExpected");
        out.put("vm-disks created", created);

        CephPool backups = resource("backups", "size: 2\nminSize: 1\npgNum: 16\npgAutoscaleMode: warn");
        Reported risky = loop.converge(backups);
        assertThat(risky.ready()).isEqualTo("True/" + ConditionReasons.RECONCILED);
        assertThat(risky).extracting(Reported::size, Reported::minSize).containsExactly(2, 1);
        assertThat(risky.conditions())
                .containsEntry(CephPoolConditions.MIN_SIZE_ONE_RISK, "True/" + ConditionReasons.MIN_SIZE_ONE_RISK);
        out.put("backups 2/1", risky);

        vmDisks.setSpec(resource("vm-disks", "size: 3\nminSize: 2\npgNum: 64\npgAutoscaleMode: warn\napplication: rgw")
                .getSpec());
        Reported changed = loop.converge(vmDisks);
        assertThat(changed.ready()).isEqualTo("True/" + ConditionReasons.RECONCILED);
        assertThat(changed.pgNum()).isEqualTo(64);
        assertThat(changed.applications()).containsExactly("rgw");
        assertThat(changed.actions()).anySatisfy(a -> assertThat(a).contains("pg_num 32->64"));
        out.put("vm-disks pg_num and application changed", changed);

        CephPool scratch =
                resource("scratch", "size: 3\nminSize: 2\npgNum: 8\npgAutoscaleMode: warn\ndeletionPolicy: Delete");
        assertThat(loop.converge(scratch).ready()).isEqualTo("True/" + ConditionReasons.RECONCILED);
        backend.write("scratch", OBJECTS);
        // usage reaches the facts a stats period later on real Ceph: the loop re-reads until it shows
        Reported withData =
                loop.convergeUntil(scratch, r -> Long.valueOf(OBJECTS).equals(r.objects()));
        assertThat(withData.ready()).isEqualTo("True/" + ConditionReasons.RECONCILED);
        out.put("scratch holds objects", withData);
        Reported blocked = loop.delete(scratch);
        assertThat(blocked.conditions())
                .containsEntry(CephPoolConditions.DELETION_BLOCKED, "True/" + ConditionReasons.DELETION_BLOCKED);
        assertThat(blocked.message()).contains("it holds " + OBJECTS + " objects");
        assertThat(backend.ceph().pool("scratch")).as("kept").isPresent();
        out.put("Delete policy on a pool with data", blocked);

        CephPool empty =
                resource("empty", "size: 3\nminSize: 2\npgNum: 8\npgAutoscaleMode: warn\ndeletionPolicy: Delete");
        assertThat(loop.converge(empty).ready()).isEqualTo("True/" + ConditionReasons.RECONCILED);
        Reported deleted = loop.delete(empty);
        assertThat(deleted.ready()).isEqualTo("Deleted");
        assertThat(deleted.actions()).containsExactly("deleting pool empty");
        assertThat(backend.ceph().pool("empty")).isEmpty();
        out.put("Delete policy on an empty pool", deleted);

        // bad input: the backend refuses the name, classified as not retryable, so the controller reports it
        Reported badName = loop.converge(resource("bad", "poolName: \"bad name/with*chars\"\npgNum: 8"));
        assertThat(badName.ready()).isEqualTo("False/" + ConditionReasons.CEPH_OPERATION_FAILED);
        out.put("invalid pool name", badName);

        Reported minAboveSize = loop.converge(resource("upside-down", "size: 2\nminSize: 3\npgNum: 8"));
        assertThat(minAboveSize.ready()).isEqualTo("False/" + ConditionReasons.INVALID_SPEC);
        assertThat(minAboveSize.actions()).isEmpty();
        out.put("min_size above size", minAboveSize);

        // a second CephPool for an existing pool: never created twice, reported as someone else's
        Reported duplicate = loop.converge(resource("vm-disks-again", "poolName: vm-disks\npgNum: 8"));
        assertThat(duplicate.ready()).isEqualTo("False/" + ConditionReasons.OWNERSHIP_CONFLICT);
        assertThat(duplicate.pgNum()).as("untouched").isEqualTo(64);
        out.put("duplicate pool by a second CephPool", duplicate);
        // and a Create planned from a stale read is refused by the backend as a conflict, not retried
        Reported stale =
                loop.act(vmDisks, new PoolAction.Create(CephPoolPlanner.createRequest("vm-disks", vmDisks.getSpec())));
        assertThat(stale.ready()).isEqualTo("False/" + ConditionReasons.CEPH_OPERATION_FAILED);
        assertThat(stale.failure()).isEqualTo(CephConflictException.class.getSimpleName());
        out.put("stale duplicate create", stale);
        return out;
    }

    private static CephPool resource(String name, String spec) {
        CephPool pool = YAML.unmarshal("""
                apiVersion: %s
                kind: CephPool
                metadata: {name: %s, namespace: it}
                spec:
                  clusterRef: {name: homelab}
                %s
                """.formatted(UnderlayApi.API_VERSION, name, spec.indent(2)), CephPool.class);
        // the claim token names the uid, which only an API server would assign
        pool.getMetadata().setUid(UUID.randomUUID().toString());
        pool.getMetadata().setGeneration(1L);
        return pool;
    }

    // ---- the loop --------------------------------------------------------------------------------------------------

    /** What one CephPool reported after the loop stopped: the reconciler's status fields and conditions. */
    record Reported(
            String ready,
            String message,
            Integer size,
            Integer minSize,
            Integer pgNum,
            String autoscale,
            List<String> applications,
            Long objects,
            Map<String, String> conditions,
            List<String> actions,
            String failure,
            boolean settled) {}

    /**
     * The reconciler's steps without Kubernetes: the spec check of the prelude, facts read with the same reader (a
     * fresh inventory every round, as after every action or spec change), the planner's one step, the action
     * through the same runner, the status via {@link CephPoolReconciler#observed}. A Claim, the only step that
     * writes to Kubernetes, sets the annotation on the in-memory object. A round is settled when the reconciler
     * would stop asking soon: Done, Invalid, a Wait other than a running Ceph operation, or a refused request.
     */
    static final class Loop {
        private static final Duration CONVERGES = Duration.ofSeconds(90);
        private static final int MAX_ROUNDS = 60;

        private final Backend backend;
        private final PoolInventory inventory = new PoolInventory();
        private final ClusterKey key;

        Loop(Backend backend) {
            this.backend = backend;
            this.key = new ClusterKey("it", backend.name());
            inventory.refresh = Duration.ZERO;
            inventory.clock = Clock.systemUTC();
        }

        Reported converge(CephPool pool) {
            return convergeUntil(pool, r -> true);
        }

        Reported convergeUntil(CephPool pool, java.util.function.Predicate<Reported> also) {
            return run(pool, false, also);
        }

        Reported delete(CephPool pool) {
            return run(pool, true, r -> true);
        }

        private Reported run(CephPool pool, boolean deleting, java.util.function.Predicate<Reported> also) {
            List<String> actions = new ArrayList<>();
            AtomicReference<Reported> last = new AtomicReference<>();
            int[] rounds = {0};
            await().atMost(CONVERGES)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        assertThat(++rounds[0])
                                .as("rounds for " + pool.getMetadata().getName())
                                .isLessThanOrEqualTo(MAX_ROUNDS);
                        Reported r = round(pool, deleting, actions);
                        last.set(r);
                        return r.settled() && also.test(r);
                    });
            return last.get();
        }

        /** Performs {@code action} as the reconciler would, whatever the planner says now. */
        Reported act(CephPool pool, PoolAction action) throws Exception {
            List<String> actions = new ArrayList<>();
            PoolFacts facts = facts(pool, false);
            return perform(pool, facts, action, actions, List.of());
        }

        private PoolFacts facts(CephPool pool, boolean deleting) throws Exception {
            return PoolFactsReader.read(
                    pool,
                    PoolClaim.ownership(pool, OPERATOR_ID),
                    PoolFactsReader.inventory(inventory, key, backend.ceph()),
                    backend.proxmox(),
                    Optional.empty(),
                    backend.node(),
                    deleting);
        }

        private Reported round(CephPool pool, boolean deleting, List<String> actions) throws Exception {
            if (!deleting) {
                try {
                    CephPoolSpecCheck.check(pool);
                } catch (InvalidSpecException e) {
                    return report(
                            "False/" + ConditionReasons.INVALID_SPEC,
                            e.getMessage(),
                            null,
                            Map.of(),
                            actions,
                            null,
                            true);
                }
            }
            PoolFacts facts = facts(pool, deleting);
            if (deleting) {
                Plan<PoolAction> plan = CephPoolPlanner.planDeletion(facts);
                if (plan instanceof Plan.Act<PoolAction> act) {
                    return perform(pool, facts, act.action(), actions, List.of());
                }
                if (plan instanceof Plan.Wait<PoolAction> wait) {
                    Map<String, String> conditions = new LinkedHashMap<>();
                    conditions.put(CephPoolConditions.DELETION_BLOCKED, "True/" + wait.reason());
                    return report(
                            "False/" + wait.reason(),
                            wait.message(),
                            facts,
                            conditions,
                            actions,
                            null,
                            !ConditionReasons.CEPH_OPERATION_RUNNING.equals(wait.reason()));
                }
                // Done: the finalizer would go
                return report("Deleted", "", facts, Map.of(), actions, null, true);
            }
            Plan<PoolAction> plan = CephPoolPlanner.plan(facts);
            List<ConditionState> warnings = CephPoolPlanner.conditions(facts);
            if (plan instanceof Plan.Act<PoolAction> act) {
                return perform(pool, facts, act.action(), actions, warnings);
            }
            Map<String, String> conditions = conditions(warnings);
            conditions.put(CephPoolConditions.DELETION_BLOCKED, "False/" + ConditionReasons.AS_EXPECTED);
            if (plan instanceof Plan.Wait<PoolAction> wait) {
                return report(
                        "False/" + wait.reason(),
                        wait.message(),
                        facts,
                        conditions,
                        actions,
                        null,
                        !ConditionReasons.CEPH_OPERATION_RUNNING.equals(wait.reason()));
            }
            if (plan instanceof Plan.Invalid<PoolAction> invalid) {
                return report("False/" + invalid.reason(), invalid.message(), facts, conditions, actions, null, true);
            }
            return report("True/" + ConditionReasons.RECONCILED, "", facts, conditions, actions, null, true);
        }

        private Reported perform(
                CephPool pool, PoolFacts facts, PoolAction action, List<String> actions, List<ConditionState> warnings)
                throws CephApiException, dev.underlay.proxmox.ProxmoxApiException {
            Map<String, String> conditions = conditions(warnings);
            if (action instanceof PoolAction.Claim) {
                Map<String, String> annotations = pool.getMetadata().getAnnotations() == null
                        ? new LinkedHashMap<>()
                        : new LinkedHashMap<>(pool.getMetadata().getAnnotations());
                annotations.put(
                        PoolClaim.KEY, PoolClaim.owner(pool, OPERATOR_ID).token());
                pool.getMetadata().setAnnotations(annotations);
            } else {
                try {
                    PoolActionRunner.run(action, backend.ceph(), backend.proxmox());
                } catch (CephApiException e) {
                    if (e.isRetryable()) {
                        // JOSDK would retry the reconcile: not settled, the next round reads again
                        return report("Retry", e.getMessage(), facts, conditions, actions, null, false);
                    }
                    // CephPoolReconciler.failed: a refused request is reported and not retried soon
                    return report(
                            "False/" + ConditionReasons.CEPH_OPERATION_FAILED,
                            e.getMessage(),
                            facts,
                            conditions,
                            actions,
                            e.getClass().getSimpleName(),
                            true);
                } finally {
                    inventory.invalidate(key);
                }
            }
            actions.add(action.describe());
            return report(
                    "False/" + ConditionReasons.CEPH_OPERATION_RUNNING,
                    action.describe(),
                    facts,
                    conditions,
                    actions,
                    null,
                    false);
        }

        private static Map<String, String> conditions(List<ConditionState> states) {
            Map<String, String> out = new LinkedHashMap<>();
            states.forEach(c -> out.put(c.type(), c.status() + "/" + c.reason()));
            return out;
        }

        private static Reported report(
                String ready,
                String message,
                PoolFacts facts,
                Map<String, String> conditions,
                List<String> actions,
                String failure,
                boolean settled) {
            CephPoolStatus status = new CephPoolStatus();
            if (facts != null) {
                CephPoolReconciler.observed(status, facts);
            }
            List<String> applications =
                    facts == null ? null : facts.pool().map(Pool::applications).orElse(null);
            Map<String, String> all = new LinkedHashMap<>(conditions);
            all.put(ConditionTypes.READY, ready);
            return new Reported(
                    ready,
                    message,
                    status.getSize(),
                    status.getMinSize(),
                    status.getPgNum(),
                    status.getPgAutoscaleMode(),
                    applications,
                    status.getObjects(),
                    all,
                    List.copyOf(actions),
                    failure,
                    settled);
        }
    }

    // ---- the two backends ------------------------------------------------------------------------------------------

    interface Backend extends AutoCloseable {
        String name();

        CephApi ceph();

        /** The Proxmox client for storages and VM disks, null where there is none (the bare Ceph). */
        ProxmoxApi proxmox();

        String node();

        /** Writes {@code objects} objects of {@link #OBJECT_BYTES} into {@code pool}. */
        void write(String pool, int objects) throws Exception;

        @Override
        void close();
    }

    private static Backend realCeph() throws Exception {
        DashboardCephApi api = new DashboardCephApi(
                cluster.settings(), new OperationWait(Duration.ofSeconds(2), Duration.ofMillis(100)));
        Path object = work.resolve("object.bin");
        byte[] bytes = new byte[OBJECT_BYTES];
        new Random(7).nextBytes(bytes);
        Files.write(object, bytes);
        return new Backend() {
            @Override
            public String name() {
                return "real-ceph";
            }

            @Override
            public CephApi ceph() {
                return api;
            }

            @Override
            public ProxmoxApi proxmox() {
                return null;
            }

            @Override
            public String node() {
                return null;
            }

            @Override
            public void write(String pool, int objects) throws Exception {
                for (int i = 0; i < objects; i++) {
                    cluster.radosPut(pool, "object-" + i, object);
                }
            }

            @Override
            public void close() {
                api.close();
            }
        };
    }

    private static Backend simulator() throws Exception {
        PveSimulator simulator = PveSimulator.builder()
                .version(PveVersion.PVE_9_1)
                .build()
                .taskLatency(Duration.ZERO, Duration.ofMillis(20))
                .authFailureDelay(Duration.ZERO);
        ProxmoxApi proxmox = SimulatedProxmoxApi.create(simulator);
        ProxmoxCephApi api = new ProxmoxCephApi(
                proxmox, PveSimulatorBuilder.MS01_01, new OperationWait(Duration.ofSeconds(2), Duration.ofMillis(20)));
        // the seed's vm-disks was made by hand; the real Ceph starts without it, so the simulator does too, removed
        // through the same API a person would use (storage registration first, then the empty pool)
        proxmox.deleteStorage("vm-disks");
        api.deletePool("vm-disks");
        return new Backend() {
            @Override
            public String name() {
                return "pve-simulator";
            }

            @Override
            public CephApi ceph() {
                return api;
            }

            @Override
            public ProxmoxApi proxmox() {
                return proxmox;
            }

            @Override
            public String node() {
                return PveSimulatorBuilder.MS01_01;
            }

            @Override
            public void write(String pool, int objects) {
                simulator.writeToPool(pool, (long) objects * OBJECT_BYTES);
            }

            @Override
            public void close() {
                api.close();
            }
        };
    }
}
