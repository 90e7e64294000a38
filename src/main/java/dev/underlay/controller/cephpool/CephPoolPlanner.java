package dev.underlay.controller.cephpool;

import dev.underlay.api.v1alpha1.cephpool.CephPoolConditions;
import dev.underlay.api.v1alpha1.cephpool.CephPoolSpec;
import dev.underlay.api.v1alpha1.cephpool.ProxmoxStorageSpec;
import dev.underlay.api.v1alpha1.common.ConditionReasons;
import dev.underlay.api.v1alpha1.common.DeletionPolicy;
import dev.underlay.api.v1alpha1.common.ManagementPolicy;
import dev.underlay.ceph.model.PgAutoscaleMode;
import dev.underlay.ceph.model.Pool;
import dev.underlay.ceph.model.PoolChange;
import dev.underlay.ceph.model.PoolRequest;
import dev.underlay.ceph.model.PoolUsage;
import dev.underlay.controller.support.ConditionState;
import dev.underlay.controller.support.plan.Plan;
import dev.underlay.proxmox.model.Storage;
import dev.underlay.proxmox.model.StorageDefinition;
import dev.underlay.proxmox.model.StorageUpdate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The CephPool decisions, a pure function of spec and what was observed: {@link #plan} for a live resource,
 * {@link #planDeletion} for one being deleted, {@link #conditions} for the conditions next to Ready. One step per
 * reconcile; the next reconcile looks again.
 *
 * <p>Ceph's own rules it follows: pg_num is left to the autoscaler while its mode is {@code on}; lowering pg_num merges
 * PGs, which only Ceph releases that can merge allow; a change that raises min_size above the current size sets the
 * size first (Proxmox applies min_size before size); pg_num is compared with the target Ceph is moving to, and
 * nothing is changed while PGs still split or merge.
 */
public final class CephPoolPlanner {

    /** Ceph's osd_pool_default_pg_num, used to create a pool whose pgNum is left to the autoscaler. */
    static final int DEFAULT_PG_NUM = 32;

    private static final double RATIO_TOLERANCE = 1e-9;
    private static final int LISTED_BLOCKERS = 5;

    private CephPoolPlanner() {}

    public static Plan<PoolAction> plan(PoolFacts facts) {
        CephPoolSpec spec = facts.spec();
        if (spec.minSize() > spec.size()) {
            return Plan.invalid(
                    ConditionReasons.INVALID_SPEC,
                    "minSize " + spec.minSize() + " is larger than size " + spec.size()
                            + "; Ceph refuses a min_size above size");
        }
        if (facts.crushRules().isPresent() && !facts.crushRules().get().contains(spec.crushRule())) {
            return Plan.invalid(
                    ConditionReasons.CRUSH_RULE_MISSING,
                    "CRUSH rule " + spec.crushRule() + " does not exist (rules: "
                            + String.join(", ", new TreeSet<>(facts.crushRules().get()))
                            + "); create it with ceph osd crush rule create-replicated");
        }
        if (facts.runningTask() != null) {
            return Plan.waitFor(
                    ConditionReasons.CEPH_OPERATION_RUNNING,
                    "a Ceph task for pool " + facts.poolName() + " is running (" + facts.runningTask() + ")");
        }
        boolean observeOnly = spec.managementPolicy() == ManagementPolicy.Observe;
        if (facts.pool().isEmpty()) {
            if (observeOnly) {
                return Plan.waitFor(
                        ConditionReasons.POOL_MISSING,
                        "pool " + facts.poolName() + " does not exist; managementPolicy Observe creates nothing");
            }
            if (facts.ownership() == PoolOwnership.UNCLAIMED) {
                return Plan.act(new PoolAction.Claim(facts.poolName(), false));
            }
            return Plan.act(new PoolAction.Create(createRequest(facts.poolName(), spec)));
        }
        Pool pool = facts.pool().get();
        Plan<PoolAction> converge = converge(facts, pool);
        if (observeOnly) {
            return converge instanceof Plan.Act<PoolAction> act
                    ? Plan.waitFor(
                            ConditionReasons.OBSERVE_ONLY,
                            "managementPolicy Observe: drift reported, nothing changed; would be "
                                    + act.action().describe())
                    : converge;
        }
        if (facts.ownership() == PoolOwnership.UNCLAIMED) {
            if (Boolean.TRUE.equals(spec.adopt())) {
                return Plan.act(new PoolAction.Claim(facts.poolName(), true));
            }
            String drift = converge instanceof Plan.Act<PoolAction> act
                    ? "; differs from the spec: " + act.action().describe()
                    : "; it matches the spec";
            return Plan.waitFor(
                    ConditionReasons.OWNERSHIP_CONFLICT,
                    "pool " + facts.poolName() + " exists and was not created by this CephPool, so nothing is "
                            + "changed (set spec.adopt: true to manage it)" + drift);
        }
        return converge;
    }

    /** Pool settings first, then the Proxmox storage registration. */
    private static Plan<PoolAction> converge(PoolFacts facts, Pool pool) {
        if (pool.pgNum() != pool.pgNumTarget()) {
            return Plan.waitFor(
                    ConditionReasons.CEPH_OPERATION_RUNNING,
                    "pool " + pool.name() + " is moving from " + pool.pgNum() + " to " + pool.pgNumTarget() + " PGs");
        }
        Optional<Plan<PoolAction>> settings = settings(facts, pool);
        if (settings.isPresent()) {
            return settings.get();
        }
        return storage(facts);
    }

    private static Optional<Plan<PoolAction>> settings(PoolFacts facts, Pool pool) {
        CephPoolSpec spec = facts.spec();
        List<String> summary = new ArrayList<>();
        Integer size = null;
        Integer minSize = null;
        if (spec.size() != pool.size()) {
            size = spec.size();
            summary.add("size " + pool.size() + "->" + size);
        }
        if (spec.minSize() != pool.minSize()) {
            if (spec.minSize() > pool.size()) {
                // Proxmox sets min_size before size, and Ceph refuses a min_size above the current size
                return Optional.of(Plan.act(new PoolAction.Update(
                        pool.name(),
                        new PoolChange(spec.size(), null, null, null, null, null, null),
                        "size " + pool.size() + "->" + spec.size() + " (min_size follows next)")));
            }
            minSize = spec.minSize();
            summary.add("min_size " + pool.minSize() + "->" + minSize);
        }
        PgAutoscaleMode mode = mode(spec.pgAutoscaleMode());
        PgAutoscaleMode autoscale = null;
        if (mode != pool.pgAutoscaleMode()) {
            autoscale = mode;
            summary.add("pg_autoscale_mode " + wire(pool.pgAutoscaleMode()) + "->" + mode.wire());
        }
        Integer pgNum = null;
        if (mode != PgAutoscaleMode.ON && spec.pgNum() != null && spec.pgNum() != pool.pgNumTarget()) {
            if (spec.pgNum() < pool.pgNumTarget() && !facts.pgMerging()) {
                return Optional.of(Plan.invalid(
                        ConditionReasons.INVALID_SPEC,
                        "pgNum " + spec.pgNum() + " is below the pool's " + pool.pgNumTarget()
                                + " PGs, and this Ceph release cannot merge PGs"));
            }
            pgNum = spec.pgNum();
            summary.add("pg_num " + pool.pgNumTarget() + "->" + pgNum);
        }
        Double ratio = null;
        if (spec.targetSizeRatio() != null
                && (pool.targetSizeRatio() == null
                        || Math.abs(spec.targetSizeRatio() - pool.targetSizeRatio()) > RATIO_TOLERANCE)) {
            ratio = spec.targetSizeRatio();
            summary.add("target_size_ratio " + pool.targetSizeRatio() + "->" + ratio);
        }
        String application = null;
        String wanted = spec.application().name();
        if (!pool.applications().equals(List.of(wanted))) {
            application = wanted;
            summary.add("application " + pool.applications() + "->" + wanted);
        }
        String crushRule = null;
        if (pool.crushRule() != null && !pool.crushRule().equals(spec.crushRule())) {
            crushRule = spec.crushRule();
            summary.add("crush_rule " + pool.crushRule() + "->" + crushRule);
        }
        PoolChange change = new PoolChange(size, minSize, pgNum, autoscale, ratio, application, crushRule);
        if (change.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Plan.act(new PoolAction.Update(pool.name(), change, String.join(", ", summary))));
    }

    private static Plan<PoolAction> storage(PoolFacts facts) {
        ProxmoxStorageSpec wanted = facts.spec().proxmoxStorage();
        if (wanted == null) {
            return Plan.done();
        }
        if (facts.storage().isEmpty()) {
            return Plan.act(new PoolAction.RegisterStorage(new StorageDefinition(
                    wanted.name(),
                    "rbd",
                    contentNames(wanted),
                    facts.poolName(),
                    Boolean.TRUE.equals(wanted.krbd()),
                    wanted.nodes(),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null)));
        }
        Storage storage = facts.storage().get();
        if (!storage.isRbd() || !facts.poolName().equals(storage.pool())) {
            return Plan.invalid(
                    ConditionReasons.STORAGE_CONFLICT,
                    "Proxmox storage " + storage.storage() + " exists as " + storage.type() + " storage"
                            + (storage.pool() == null ? "" : " on pool " + storage.pool())
                            + "; choose another spec.proxmoxStorage.name");
        }
        List<String> summary = new ArrayList<>();
        List<String> content = null;
        if (!new TreeSet<>(contentNames(wanted)).equals(new TreeSet<>(storage.content()))) {
            content = contentNames(wanted);
            summary.add("content " + storage.content() + "->" + content);
        }
        Boolean krbd = null;
        if (Boolean.TRUE.equals(wanted.krbd()) != Boolean.TRUE.equals(storage.krbd())) {
            krbd = Boolean.TRUE.equals(wanted.krbd());
            summary.add("krbd " + Boolean.TRUE.equals(storage.krbd()) + "->" + krbd);
        }
        List<String> nodes = null;
        List<String> delete = new ArrayList<>();
        Set<String> wantedNodes = wanted.nodes() == null ? Set.of() : new TreeSet<>(wanted.nodes());
        if (!wantedNodes.equals(new TreeSet<>(storage.nodes()))) {
            if (wantedNodes.isEmpty()) {
                delete.add("nodes");
            } else {
                nodes = List.copyOf(wantedNodes);
            }
            summary.add("nodes " + storage.nodes() + "->" + (wantedNodes.isEmpty() ? "all" : wantedNodes));
        }
        if (summary.isEmpty()) {
            return Plan.done();
        }
        return Plan.act(new PoolAction.UpdateStorage(
                storage.storage(),
                new StorageUpdate(content, nodes, null, krbd, null, delete, storage.digest()),
                String.join(", ", summary)));
    }

    /**
     * What deleting the CephPool does. Retain keeps the pool; both policies remove the Proxmox storage registration
     * when no VM disk is on it. Delete removes the pool only when nothing blocks it: VM disks on it and other Proxmox
     * storages on it always block (deleting would break those guests and storages), data blocks unless
     * allowDeleteWithData. A pool this CephPool does not own, or only observes, is never touched.
     */
    public static Plan<PoolAction> planDeletion(PoolFacts facts) {
        CephPoolSpec spec = facts.spec();
        if (facts.ownership() == PoolOwnership.UNCLAIMED || spec.managementPolicy() == ManagementPolicy.Observe) {
            return Plan.done();
        }
        if (facts.runningTask() != null) {
            return Plan.waitFor(
                    ConditionReasons.CEPH_OPERATION_RUNNING,
                    "a Ceph task for pool " + facts.poolName() + " is running (" + facts.runningTask() + ")");
        }
        Optional<String> ourStorage = facts.storage()
                .filter(s -> s.isRbd() && facts.poolName().equals(s.pool()))
                .map(Storage::storage);
        if (spec.deletionPolicy() == DeletionPolicy.Retain || facts.pool().isEmpty()) {
            return ourStorage.isPresent() && facts.vmDisks().isEmpty()
                    ? Plan.act(new PoolAction.UnregisterStorage(ourStorage.get()))
                    : Plan.done();
        }
        List<String> blockers = new ArrayList<>();
        if (!facts.vmDisks().isEmpty()) {
            blockers.add("VM disks on it: " + listed(facts.vmDisks()));
        }
        if (!facts.otherStorages().isEmpty()) {
            blockers.add("Proxmox storages use it: " + listed(facts.otherStorages()));
        }
        Optional<PoolUsage> usage = facts.pool().get().usageOpt();
        if (!Boolean.TRUE.equals(spec.allowDeleteWithData())) {
            if (usage.isEmpty()) {
                blockers.add("its usage is unknown, so it may hold data");
            } else if (usage.get().holdsData()) {
                blockers.add("it holds " + usage.get().objects() + " objects ("
                        + usage.get().stored() + " bytes stored); set allowDeleteWithData: true to delete it anyway");
            }
        }
        if (!blockers.isEmpty()) {
            return Plan.waitFor(
                    ConditionReasons.DELETION_BLOCKED,
                    "pool " + facts.poolName() + " is not deleted: " + String.join("; ", blockers));
        }
        if (ourStorage.isPresent()) {
            return Plan.act(new PoolAction.UnregisterStorage(ourStorage.get()));
        }
        return Plan.act(new PoolAction.Delete(facts.poolName()));
    }

    /** The Warning-level conditions next to Ready: MinSizeOneRisk and whether the CRUSH rule could be checked. */
    public static List<ConditionState> conditions(PoolFacts facts) {
        List<ConditionState> out = new ArrayList<>();
        out.add(
                facts.spec().minSize() == 1
                        ? ConditionState.isTrue(
                                CephPoolConditions.MIN_SIZE_ONE_RISK,
                                ConditionReasons.MIN_SIZE_ONE_RISK,
                                "min_size 1: the pool keeps accepting writes with a single copy left, and a second"
                                        + " failure during recovery loses them; use minSize 2 where the data matters")
                        : ConditionState.isFalse(
                                CephPoolConditions.MIN_SIZE_ONE_RISK,
                                ConditionReasons.AS_EXPECTED,
                                "min_size " + facts.spec().minSize()));
        out.add(
                facts.crushRules().isPresent()
                        ? ConditionState.isTrue(
                                CephPoolConditions.CRUSH_RULE_VERIFIED,
                                ConditionReasons.AS_EXPECTED,
                                "CRUSH rule " + facts.spec().crushRule() + " exists")
                        : ConditionState.unknown(
                                CephPoolConditions.CRUSH_RULE_VERIFIED,
                                ConditionReasons.CRUSH_RULE_UNVERIFIED,
                                "the Proxmox API cannot list or create CRUSH rules, so "
                                        + facts.spec().crushRule()
                                        + " is not checked in advance; a missing rule fails the Ceph task"));
        return out;
    }

    static PoolRequest createRequest(String name, CephPoolSpec spec) {
        PgAutoscaleMode mode = mode(spec.pgAutoscaleMode());
        return new PoolRequest(
                name,
                spec.size(),
                spec.minSize(),
                spec.pgNum() == null ? DEFAULT_PG_NUM : spec.pgNum(),
                mode,
                spec.targetSizeRatio(),
                spec.application().name(),
                spec.crushRule());
    }

    static PgAutoscaleMode mode(CephPoolSpec.PgAutoscaleMode mode) {
        return PgAutoscaleMode.valueOf(mode.name().toUpperCase(Locale.ROOT));
    }

    private static String wire(PgAutoscaleMode mode) {
        return mode == null ? "unset" : mode.wire();
    }

    private static List<String> contentNames(ProxmoxStorageSpec storage) {
        return storage.content().stream().map(Enum::name).sorted().toList();
    }

    private static String listed(List<String> items) {
        String head = String.join(", ", items.stream().limit(LISTED_BLOCKERS).toList());
        return items.size() > LISTED_BLOCKERS ? head + " and " + (items.size() - LISTED_BLOCKERS) + " more" : head;
    }
}
