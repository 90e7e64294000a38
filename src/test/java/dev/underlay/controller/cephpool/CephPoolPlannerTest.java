package dev.underlay.controller.cephpool;

import dev.underlay.api.v1alpha1.cephpool.CephPoolSpec;
import dev.underlay.api.v1alpha1.cephpool.CephPoolSpec.PgAutoscaleMode;
import dev.underlay.api.v1alpha1.cephpool.ProxmoxStorageSpec;
import dev.underlay.api.v1alpha1.cephpool.ProxmoxStorageSpec.StorageContent;
import dev.underlay.api.v1alpha1.common.ClusterRef;
import dev.underlay.api.v1alpha1.common.DeletionPolicy;
import dev.underlay.api.v1alpha1.common.ManagementPolicy;
import dev.underlay.ceph.model.Pool;
import dev.underlay.ceph.model.PoolUsage;
import dev.underlay.controller.support.ConditionState;
import dev.underlay.controller.support.plan.Plan;
import dev.underlay.proxmox.model.Storage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CephPoolPlanner} as a table: spec and observed pool against the one step each plan takes, rendered as
 * {@code Kind[reason]: text}. The planner is pure, so every row is one call; the operator tests cover the loop.
 */
class CephPoolPlannerTest {

    private static final PoolUsage EMPTY = new PoolUsage(0, 0, 1L << 40, 0, 0);
    private static final PoolUsage FULLISH = new PoolUsage(3L << 30, 1L << 30, 1L << 40, 0.01, 256);
    private static final Set<String> RULES = Set.of("replicated_rule", "fast");

    @ParameterizedTest
    @MethodSource("live")
    void plans(String name, Facts facts, String expected) {
        assertThat(render(CephPoolPlanner.plan(facts.build()))).as(name).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("deletion")
    void plansDeletion(String name, Facts facts, String expected) {
        assertThat(render(CephPoolPlanner.planDeletion(facts.build()))).as(name).isEqualTo(expected);
    }

    static Stream<Arguments> live() {
        return Stream.of(
                row(
                        "missing pool, no claim yet: claim the name first",
                        facts(spec(s -> s)).noPool().unclaimed(),
                        "Act: claiming pool name vm-disks"),
                row(
                        "missing pool, claimed: create with the spec's settings",
                        facts(spec(s -> s)).noPool(),
                        "Act: creating pool vm-disks (size 3, min_size 2, pg_num 128)"),
                row(
                        "pgNum unset: created with Ceph's default 32 for the autoscaler",
                        facts(spec(s -> s.pgNum(null).mode(PgAutoscaleMode.on))).noPool(),
                        "Act: creating pool vm-disks (size 3, min_size 2, pg_num 32)"),
                row("converged", facts(spec(s -> s)), "Done"),
                row(
                        "minSize above size: invalid, nothing sent",
                        facts(spec(s -> s.size(2).minSize(3))),
                        "Invalid[InvalidSpec]: minSize 3 is larger than size 2; Ceph refuses a min_size above size"),
                row("pg_num up", facts(spec(s -> s.pgNum(256))), "Act: changing pool vm-disks: pg_num 128->256"),
                row(
                        "pg_num down where Ceph merges PGs",
                        facts(spec(s -> s.pgNum(64))),
                        "Act: changing pool vm-disks: pg_num 128->64"),
                row(
                        "pg_num down without PG merging",
                        facts(spec(s -> s.pgNum(64))).noMerging(),
                        "Invalid[InvalidSpec]: pgNum 64 is below the pool's 128 PGs, and this Ceph release cannot"
                                + " merge PGs"),
                row(
                        "autoscale on owns pg_num: a different pgNum is not sent",
                        facts(spec(s -> s.pgNum(256).mode(PgAutoscaleMode.on)))
                                .pool(p -> p.mode(dev.underlay.ceph.model.PgAutoscaleMode.ON)),
                        "Done"),
                row(
                        "PGs still splitting: wait",
                        facts(spec(s -> s.pgNum(256))).pool(p -> p.pgNum(160, 256)),
                        "Wait[CephOperationRunning]: pool vm-disks is moving from 160 to 256 PGs"),
                row(
                        "size and min_size together, min_size within the current size: one change",
                        facts(spec(s -> s.size(2).minSize(1))),
                        "Act: changing pool vm-disks: size 3->2, min_size 2->1"),
                row(
                        "min_size above the current size: size first",
                        facts(spec(s -> s.size(3).minSize(3))).pool(p -> p.size(2, 1)),
                        "Act: changing pool vm-disks: size 2->3 (min_size follows next)"),
                row(
                        "autoscale mode, ratio, application in one change",
                        facts(spec(s -> s.mode(PgAutoscaleMode.off).ratio(0.2).app(CephPoolSpec.PoolApplication.rgw))),
                        "Act: changing pool vm-disks: pg_autoscale_mode warn->off, target_size_ratio null->0.2,"
                                + " application [rbd]->rgw"),
                row(
                        "CRUSH rule missing where the backend lists rules",
                        facts(spec(s -> s.crush("ssd"))).rules(RULES),
                        "Invalid[CrushRuleMissing]: CRUSH rule ssd does not exist (rules: fast, replicated_rule);"
                                + " create it with ceph osd crush rule create-replicated"),
                row(
                        "CRUSH rule change where the backend lists rules",
                        facts(spec(s -> s.crush("fast"))).rules(RULES),
                        "Act: changing pool vm-disks: crush_rule replicated_rule->fast"),
                row(
                        "a running Ceph task: wait",
                        facts(spec(s -> s.pgNum(256))).task("UPID:pve-ms01-01:cephsetpool"),
                        "Wait[CephOperationRunning]: a Ceph task for pool vm-disks is running"
                                + " (UPID:pve-ms01-01:cephsetpool)"),
                row(
                        "foreign pool: observed, never rewritten",
                        facts(spec(s -> s.pgNum(256))).unclaimed(),
                        "Wait[OwnershipConflict]: pool vm-disks exists and was not created by this CephPool, so"
                                + " nothing is changed (set spec.adopt: true to manage it); differs from the spec:"
                                + " changing pool vm-disks: pg_num 128->256"),
                row(
                        "foreign pool with adopt: claim it",
                        facts(spec(s -> s.adopt())).unclaimed(),
                        "Act: adopting existing pool vm-disks"),
                row(
                        "Observe: drift reported only",
                        facts(spec(s -> s.pgNum(256).observe())),
                        "Wait[ObserveOnly]: managementPolicy Observe: drift reported, nothing changed; would be"
                                + " changing pool vm-disks: pg_num 128->256"),
                row(
                        "Observe and missing: nothing created",
                        facts(spec(s -> s.observe())).noPool().unclaimed(),
                        "Wait[PoolMissing]: pool vm-disks does not exist; managementPolicy Observe creates nothing"),
                row(
                        "storage missing: registered after the pool converged",
                        facts(spec(s -> s.storage(List.of("pve-ms01-01")))),
                        "Act: registering Proxmox RBD storage vm-disks on pool vm-disks"),
                row(
                        "storage of another type under that name",
                        facts(spec(s -> s.storage(null))).storage(storage("nfs", null, false, List.of())),
                        "Invalid[StorageConflict]: Proxmox storage vm-disks exists as nfs storage; choose another"
                                + " spec.proxmoxStorage.name"),
                row(
                        "storage krbd and nodes converge",
                        facts(spec(s -> s.storage(List.of("pve-ms01-01")).krbd()))
                                .storage(storage("rbd", "vm-disks", false, List.of())),
                        "Act: changing Proxmox storage vm-disks: krbd false->true, nodes []->[pve-ms01-01]"),
                row(
                        "storage converged",
                        facts(spec(s -> s.storage(null))).storage(storage("rbd", "vm-disks", false, List.of())),
                        "Done"));
    }

    static Stream<Arguments> deletion() {
        return Stream.of(
                row("Retain keeps the pool", facts(spec(s -> s)).usage(FULLISH), "Done"),
                row(
                        "Retain removes an unused storage registration",
                        facts(spec(s -> s.storage(null))).storage(storage("rbd", "vm-disks", false, List.of())),
                        "Act: removing Proxmox storage registration vm-disks"),
                row(
                        "Retain keeps a storage registration with VM disks on it",
                        facts(spec(s -> s.storage(null)))
                                .storage(storage("rbd", "vm-disks", false, List.of()))
                                .disks("vm-disks:vm-101-disk-0"),
                        "Done"),
                row("Delete of an empty pool", facts(spec(s -> s.delete())), "Act: deleting pool vm-disks"),
                row(
                        "Delete of a pool with data: blocked",
                        facts(spec(s -> s.delete())).usage(FULLISH),
                        "Wait[DeletionBlocked]: pool vm-disks is not deleted: it holds 256 objects (1073741824"
                                + " bytes stored); set allowDeleteWithData: true to delete it anyway"),
                row(
                        "Delete with data allowed",
                        facts(spec(s -> s.delete().allowData())).usage(FULLISH),
                        "Act: deleting pool vm-disks"),
                row(
                        "Delete with VM disks and other storages on it: blocked even with data allowed",
                        facts(spec(s -> s.delete().allowData()))
                                .disks("vm-disks:vm-101-disk-0")
                                .others("ceph-old"),
                        "Wait[DeletionBlocked]: pool vm-disks is not deleted: VM disks on it: vm-disks:vm-101-disk-0;"
                                + " Proxmox storages use it: ceph-old"),
                row(
                        "Delete: the storage registration goes first",
                        facts(spec(s -> s.delete().storage(null)))
                                .storage(storage("rbd", "vm-disks", false, List.of())),
                        "Act: removing Proxmox storage registration vm-disks"),
                row(
                        "Delete of a pool without usage figures: blocked",
                        facts(spec(s -> s.delete())).usage(null),
                        "Wait[DeletionBlocked]: pool vm-disks is not deleted: its usage is unknown, so it may hold"
                                + " data"),
                row(
                        "Delete of a pool already gone",
                        facts(spec(s -> s.delete())).noPool(),
                        "Done"),
                row(
                        "Delete never touches a foreign pool",
                        facts(spec(s -> s.delete())).unclaimed(),
                        "Done"));
    }

    @org.junit.jupiter.api.Test
    void minSizeOneRaisesTheRiskConditionAndTheProxmoxBackendCannotVerifyCrushRules() {
        List<ConditionState> conditions = CephPoolPlanner.conditions(
                facts(spec(s -> s.size(2).minSize(1))).build());
        assertThat(conditions)
                .extracting(c -> c.type() + "=" + c.status() + "/" + c.reason())
                .containsExactly("MinSizeOneRisk=True/MinSizeOneRisk", "CrushRuleVerified=Unknown/CrushRuleUnverified");
        assertThat(CephPoolPlanner.conditions(facts(spec(s -> s)).rules(RULES).build()))
                .extracting(c -> c.type() + "=" + c.status() + "/" + c.reason())
                .containsExactly("MinSizeOneRisk=False/AsExpected", "CrushRuleVerified=True/AsExpected");
    }

    // --- rendering and builders ---------------------------------------------------------------------------------

    private static String render(Plan<PoolAction> plan) {
        if (plan instanceof Plan.Act<PoolAction> act) {
            return "Act: " + act.action().describe();
        }
        if (plan instanceof Plan.Wait<PoolAction> wait) {
            return "Wait[" + wait.reason() + "]: " + wait.message();
        }
        if (plan instanceof Plan.Invalid<PoolAction> invalid) {
            return "Invalid[" + invalid.reason() + "]: " + invalid.message();
        }
        return "Done";
    }

    private static Arguments row(String name, Facts facts, String expected) {
        return Arguments.of(name, facts, expected);
    }

    private static Storage storage(String type, String pool, boolean krbd, List<String> nodes) {
        return new Storage(
                "vm-disks",
                type,
                List.of("images"),
                pool,
                null,
                nodes,
                true,
                false,
                krbd,
                null,
                null,
                null,
                "d1",
                Map.of());
    }

    /** The seed's vm-disks CephPool (3/2, 128 PGs, warn), changed by {@code edit}. */
    private static CephPoolSpec spec(UnaryOperator<SpecBuilder> edit) {
        return edit.apply(new SpecBuilder()).build();
    }

    private static Facts facts(CephPoolSpec spec) {
        return new Facts(spec);
    }

    static final class SpecBuilder {
        int size = 3;
        int minSize = 2;
        Integer pgNum = 128;
        PgAutoscaleMode mode = PgAutoscaleMode.warn;
        Double ratio;
        CephPoolSpec.PoolApplication app = CephPoolSpec.PoolApplication.rbd;
        String crush = "replicated_rule";
        ProxmoxStorageSpec storage;
        DeletionPolicy deletion = DeletionPolicy.Retain;
        Boolean allowData;
        Boolean adopt;
        ManagementPolicy policy = ManagementPolicy.Manage;
        boolean krbd;

        SpecBuilder size(int v) {
            size = v;
            return this;
        }

        SpecBuilder minSize(int v) {
            minSize = v;
            return this;
        }

        SpecBuilder pgNum(Integer v) {
            pgNum = v;
            return this;
        }

        SpecBuilder mode(PgAutoscaleMode v) {
            mode = v;
            return this;
        }

        SpecBuilder ratio(double v) {
            ratio = v;
            return this;
        }

        SpecBuilder app(CephPoolSpec.PoolApplication v) {
            app = v;
            return this;
        }

        SpecBuilder crush(String v) {
            crush = v;
            return this;
        }

        SpecBuilder storage(List<String> nodes) {
            storage = new ProxmoxStorageSpec("vm-disks", List.of(StorageContent.images), null, nodes);
            return this;
        }

        SpecBuilder krbd() {
            storage = new ProxmoxStorageSpec(storage.name(), storage.content(), true, storage.nodes());
            return this;
        }

        SpecBuilder delete() {
            deletion = DeletionPolicy.Delete;
            return this;
        }

        SpecBuilder allowData() {
            allowData = true;
            return this;
        }

        SpecBuilder adopt() {
            adopt = true;
            return this;
        }

        SpecBuilder observe() {
            policy = ManagementPolicy.Observe;
            return this;
        }

        CephPoolSpec build() {
            return new CephPoolSpec(
                    new ClusterRef("homelab"),
                    null,
                    size,
                    minSize,
                    pgNum,
                    mode,
                    ratio,
                    app,
                    crush,
                    storage,
                    deletion,
                    allowData,
                    adopt,
                    policy);
        }
    }

    static final class PoolBuilder {
        int size = 3;
        int minSize = 2;
        int pgNum = 128;
        int pgTarget = 128;
        dev.underlay.ceph.model.PgAutoscaleMode mode = dev.underlay.ceph.model.PgAutoscaleMode.WARN;

        PoolBuilder size(int s, int m) {
            size = s;
            minSize = m;
            return this;
        }

        PoolBuilder pgNum(int now, int target) {
            pgNum = now;
            pgTarget = target;
            return this;
        }

        PoolBuilder mode(dev.underlay.ceph.model.PgAutoscaleMode m) {
            mode = m;
            return this;
        }
    }

    static final class Facts {
        final CephPoolSpec spec;
        PoolOwnership ownership = PoolOwnership.OWNED;
        PoolBuilder pool = new PoolBuilder();
        boolean present = true;
        PoolUsage usage = EMPTY;
        Storage storage;
        List<String> others = List.of();
        List<String> disks = List.of();
        Set<String> rules;
        boolean merging = true;
        String task;

        Facts(CephPoolSpec spec) {
            this.spec = spec;
        }

        Facts noPool() {
            present = false;
            return this;
        }

        Facts unclaimed() {
            ownership = PoolOwnership.UNCLAIMED;
            return this;
        }

        Facts pool(UnaryOperator<PoolBuilder> edit) {
            pool = edit.apply(pool);
            return this;
        }

        Facts usage(PoolUsage u) {
            usage = u;
            return this;
        }

        Facts storage(Storage s) {
            storage = s;
            return this;
        }

        Facts others(String... names) {
            others = List.of(names);
            return this;
        }

        Facts disks(String... volumes) {
            disks = List.of(volumes);
            return this;
        }

        Facts rules(Set<String> names) {
            rules = names;
            return this;
        }

        Facts noMerging() {
            merging = false;
            return this;
        }

        Facts task(String upid) {
            task = upid;
            return this;
        }

        PoolFacts build() {
            Optional<Pool> observed = present
                    ? Optional.of(new Pool(
                            "vm-disks",
                            3,
                            pool.size,
                            pool.minSize,
                            pool.pgNum,
                            pool.pgTarget,
                            pool.mode,
                            null,
                            "replicated_rule",
                            List.of("rbd"),
                            usage))
                    : Optional.empty();
            return new PoolFacts(
                    spec,
                    "vm-disks",
                    ownership,
                    observed,
                    Optional.ofNullable(storage),
                    others,
                    disks,
                    Optional.ofNullable(rules),
                    merging,
                    task);
        }

        @Override
        public String toString() {
            return spec.toString();
        }
    }
}
