package dev.underlay.controller.cephpool;

import dev.underlay.api.v1alpha1.cephpool.CephPool;
import dev.underlay.api.v1alpha1.cephpool.CephPoolConditions;
import dev.underlay.api.v1alpha1.cephpool.CephPoolStatus;
import dev.underlay.api.v1alpha1.common.ConditionReasons;
import dev.underlay.api.v1alpha1.common.ConditionTypes;
import dev.underlay.api.v1alpha1.common.DeletionPolicy;
import dev.underlay.api.v1alpha1.common.ManagementPolicy;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.ceph.CephApi;
import dev.underlay.ceph.CephApiException;
import dev.underlay.ceph.CephAuthenticationException;
import dev.underlay.ceph.CephPermissionDeniedException;
import dev.underlay.ceph.model.CephOperation;
import dev.underlay.ceph.model.Pool;
import dev.underlay.config.UnderlayConfig;
import dev.underlay.controller.support.CephConnections;
import dev.underlay.controller.support.ClusterGate;
import dev.underlay.controller.support.ClusterRefResolver;
import dev.underlay.controller.support.ConditionState;
import dev.underlay.controller.support.EventPublisher;
import dev.underlay.controller.support.ReadyStatusWriter;
import dev.underlay.controller.support.ReconcileErrors;
import dev.underlay.controller.support.ReconcilePrelude;
import dev.underlay.controller.support.ReconcilePrelude.Prerequisite;
import dev.underlay.controller.support.plan.Plan;
import dev.underlay.observe.ClusterKey;
import dev.underlay.observe.ClusterSnapshot;
import dev.underlay.observe.PoolObservation;
import dev.underlay.observe.SnapshotEventSource;
import dev.underlay.observe.SnapshotStore;
import dev.underlay.proxmox.ProxmoxApi;
import dev.underlay.proxmox.ProxmoxApiException;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.quarkus.logging.Log;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * CephPool: check the spec, wait for the ProxmoxCluster, read the facts (the cluster's shared pool inventory, the
 * Proxmox storage when one is asked for), let {@link CephPoolPlanner} pick one step, perform it, write status. The
 * cluster and its snapshot are watched, so a cluster change or a finished Ceph task moves the pool on.
 */
@ControllerConfiguration(name = CephPoolReconciler.NAME)
public class CephPoolReconciler implements Reconciler<CephPool>, Cleaner<CephPool> {

    /** Stable controller name: quarkus.operator-sdk.controllers.cephpool.* and the Helm values use it. */
    public static final String NAME = "cephpool";

    @Inject
    ReadyStatusWriter statusWriter;

    @Inject
    ReconcilePrelude prelude;

    @Inject
    ReconcileErrors errors;

    @Inject
    UnderlayConfig config;

    @Inject
    ClusterGate clusterGate;

    @Inject
    SnapshotStore snapshots;

    @Inject
    CephConnections ceph;

    @Inject
    PoolInventory inventories;

    @Inject
    EventPublisher events;

    @Override
    public List<EventSource<?, CephPool>> prepareEventSources(EventSourceContext<CephPool> context) {
        return List.of(
                ClusterRefResolver.eventSource(
                        context,
                        pool -> pool.getSpec() == null ? null : pool.getSpec().clusterRef()),
                SnapshotEventSource.register(
                        context,
                        snapshots,
                        PoolObservation.class,
                        PoolObservation::pool,
                        pool -> Optional.ofNullable(pool.getSpec())
                                .map(spec -> spec.clusterRef())
                                .map(ref -> ref.name()),
                        (pool, snapshot) -> Optional.of(
                                PoolObservation.of(snapshot, pool.effectivePoolName(), storageName(pool)))));
    }

    @Override
    public UpdateControl<CephPool> reconcile(CephPool pool, Context<CephPool> context) throws Exception {
        Optional<UpdateControl<CephPool>> waiting = prelude.waitFor(
                pool,
                context,
                CephPoolStatus::new,
                () -> CephPoolSpecCheck.check(pool),
                Prerequisite.of(() ->
                        clusterGate.check(context, pool.getSpec().clusterRef()).blocking()));
        if (waiting.isPresent()) {
            return waiting.get();
        }
        ProxmoxCluster cluster =
                ClusterRefResolver.resolve(context, pool.getSpec().clusterRef()).cluster();
        ClusterKey key = ClusterKey.of(cluster);
        Optional<ClusterSnapshot> snapshot = snapshots.latest(key);
        CephApi api;
        try {
            api = ceph.api(cluster, snapshot.orElse(null));
        } catch (CephConnections.Unavailable unavailable) {
            return waitWith(pool, context, unavailable.reason, unavailable.getMessage(), null);
        }
        ProxmoxApi proxmox = ceph.proxmox(cluster).orElse(null);
        if (!Objects.equals(pool.getMetadata().getGeneration(), observedGeneration(pool))) {
            // a spec change converges from a fresh read, not from the shared one of up to usage-refresh ago
            inventories.invalidate(key);
        }
        try {
            PoolInventory.Inventory inventory = inventories.of(key, api);
            PoolFacts facts = PoolFactsReader.read(
                    pool,
                    PoolClaim.ownership(pool, config.operator().ownerId()),
                    inventory,
                    proxmox,
                    context.getSecondaryResource(PoolObservation.class),
                    null,
                    false);
            Plan<PoolAction> plan = CephPoolPlanner.plan(facts);
            List<ConditionState> conditions = new ArrayList<>(CephPoolPlanner.conditions(facts));
            if (plan instanceof Plan.Act<PoolAction> act) {
                return act(pool, context, key, api, proxmox, facts, act.action(), conditions);
            }
            Duration recheck = config.resync().calm();
            if (plan instanceof Plan.Done<PoolAction>) {
                boolean observing = pool.getSpec().managementPolicy() == ManagementPolicy.Observe;
                conditions.add(ConditionState.isTrue(
                        ConditionTypes.READY,
                        observing ? ConditionReasons.OBSERVE_ONLY : ConditionReasons.RECONCILED,
                        summary(facts)));
            } else if (plan instanceof Plan.Wait<PoolAction> wait) {
                conditions.add(ConditionState.isFalse(ConditionTypes.READY, wait.reason(), wait.message()));
                recheck = wait.recheck() != null
                        ? wait.recheck()
                        : ConditionReasons.CEPH_OPERATION_RUNNING.equals(wait.reason())
                                ? config.resync().busy()
                                : config.resync().waiting();
            } else if (plan instanceof Plan.Invalid<PoolAction> invalid) {
                conditions.add(ConditionState.isFalse(ConditionTypes.READY, invalid.reason(), invalid.message()));
                recheck = config.resync().invalidSpec();
            }
            conditions.add(notBlocked());
            statusWriter.write(pool, context, CephPoolStatus::new, conditions, status -> observed(status, facts));
            return UpdateControl.<CephPool>noUpdate().rescheduleAfter(recheck);
        } catch (CephApiException e) {
            return failed(pool, context, e);
        }
    }

    private UpdateControl<CephPool> act(
            CephPool pool,
            Context<CephPool> context,
            ClusterKey key,
            CephApi api,
            ProxmoxApi proxmox,
            PoolFacts facts,
            PoolAction action,
            List<ConditionState> conditions)
            throws CephApiException, ProxmoxApiException {
        if (action instanceof PoolAction.Claim) {
            PoolClaim.claim(context.getClient(), pool, config.operator().ownerId());
        } else {
            try {
                PoolActionRunner.run(action, api, proxmox);
            } finally {
                // whatever happened, the next reconcile reads the pools again instead of the shared copy
                inventories.invalidate(key);
            }
        }
        Log.infof(
                "CephPool %s/%s: %s",
                pool.getMetadata().getNamespace(), pool.getMetadata().getName(), action.describe());
        events.publish(pool, EventPublisher.NORMAL, PoolActionRunner.eventReason(action), action.describe());
        conditions.add(ConditionState.isFalse(
                ConditionTypes.READY, ConditionReasons.CEPH_OPERATION_RUNNING, action.describe()));
        conditions.add(notBlocked());
        statusWriter.write(pool, context, CephPoolStatus::new, conditions, status -> observed(status, facts));
        return UpdateControl.<CephPool>noUpdate()
                .rescheduleAfter(config.resync().busy());
    }

    @Override
    public ErrorStatusUpdateControl<CephPool> updateErrorStatus(CephPool pool, Context<CephPool> context, Exception e) {
        return errors.handle(pool, context, e, CephPoolStatus::new);
    }

    /**
     * Retain leaves the pool; Delete removes it when nothing blocks it (see {@link CephPoolPlanner#planDeletion}),
     * keeping the finalizer while it is blocked or the deletion runs. Either way an unused Proxmox storage
     * registration of the pool goes first.
     */
    @Override
    public DeleteControl cleanup(CephPool pool, Context<CephPool> context) {
        String who =
                pool.getMetadata().getNamespace() + "/" + pool.getMetadata().getName();
        if (pool.getSpec() == null || pool.getSpec().clusterRef() == null) {
            return DeleteControl.defaultDelete();
        }
        ProxmoxCluster cluster =
                ClusterRefResolver.resolve(context, pool.getSpec().clusterRef()).cluster();
        if (cluster == null) {
            Log.warnf("CephPool %s deleted while its ProxmoxCluster is not Ready; the Ceph pool is left as it is", who);
            return DeleteControl.defaultDelete();
        }
        ClusterKey key = ClusterKey.of(cluster);
        Optional<ClusterSnapshot> snapshot = snapshots.latest(key);
        try {
            CephApi api = ceph.api(cluster, snapshot.orElse(null));
            ProxmoxApi proxmox = ceph.proxmox(cluster).orElse(null);
            inventories.invalidate(key);
            PoolFacts facts = PoolFactsReader.read(
                    pool,
                    PoolClaim.ownership(pool, config.operator().ownerId()),
                    inventories.of(key, api),
                    proxmox,
                    context.getSecondaryResource(PoolObservation.class),
                    CephConnections.monitorNode(snapshot.orElse(null)),
                    true);
            Plan<PoolAction> plan = CephPoolPlanner.planDeletion(facts);
            if (plan instanceof Plan.Act<PoolAction> act) {
                CephOperation operation = PoolActionRunner.run(act.action(), api, proxmox);
                inventories.invalidate(key);
                events.publish(
                        pool,
                        EventPublisher.NORMAL,
                        PoolActionRunner.eventReason(act.action()),
                        act.action().describe());
                Log.infof("CephPool %s: %s", who, act.action().describe());
                if (operation != null && !operation.finished()) {
                    return DeleteControl.noFinalizerRemoval()
                            .rescheduleAfter(config.resync().busy());
                }
                return DeleteControl.noFinalizerRemoval().rescheduleAfter(Duration.ofMillis(100));
            }
            if (plan instanceof Plan.Wait<PoolAction> wait) {
                statusWriter.write(
                        pool,
                        context,
                        CephPoolStatus::new,
                        List.of(
                                ConditionState.isTrue(
                                        CephPoolConditions.DELETION_BLOCKED, wait.reason(), wait.message()),
                                ConditionState.isFalse(ConditionTypes.READY, wait.reason(), wait.message())),
                        status -> observed(status, facts));
                return DeleteControl.noFinalizerRemoval()
                        .rescheduleAfter(config.resync().waiting());
            }
            if (facts.storage().isPresent() && !facts.vmDisks().isEmpty()) {
                events.publish(
                        pool,
                        EventPublisher.WARNING,
                        "StorageKept",
                        "Proxmox storage " + facts.storage().get().storage() + " stays registered: VM disks are on it");
            }
            Log.infof(
                    "CephPool %s deleted; Ceph pool %s %s",
                    who,
                    facts.poolName(),
                    facts.pool().isEmpty()
                            ? "is gone"
                            : "is kept (" + pool.getSpec().deletionPolicy() + ")");
            return DeleteControl.defaultDelete();
        } catch (CephConnections.Unavailable | CephApiException | ProxmoxApiException e) {
            if (pool.getSpec().deletionPolicy() == DeletionPolicy.Retain) {
                Log.warnf(
                        "CephPool %s deleted; Ceph unreachable (%s), the pool is retained as it is",
                        who, e.getMessage());
                return DeleteControl.defaultDelete();
            }
            Log.warnf("CephPool %s: deletion waits for Ceph: %s", who, e.getMessage());
            return DeleteControl.noFinalizerRemoval()
                    .rescheduleAfter(config.resync().waiting());
        }
    }

    /** Classified Ceph errors: a refused request or failed task is reported, transient ones go to JOSDK's retry. */
    private UpdateControl<CephPool> failed(CephPool pool, Context<CephPool> context, CephApiException e)
            throws CephApiException {
        if (e.isRetryable()) {
            throw e;
        }
        String reason = e instanceof CephAuthenticationException
                ? ConditionReasons.AUTHENTICATION_FAILED
                : e instanceof CephPermissionDeniedException
                        ? ConditionReasons.PERMISSION_DENIED
                        : ConditionReasons.CEPH_OPERATION_FAILED;
        return waitWith(pool, context, reason, e.getMessage(), config.resync().waiting());
    }

    private UpdateControl<CephPool> waitWith(
            CephPool pool, Context<CephPool> context, String reason, String message, Duration recheck) {
        statusWriter.write(
                pool,
                context,
                CephPoolStatus::new,
                List.of(ConditionState.isFalse(ConditionTypes.READY, reason, message)));
        return UpdateControl.<CephPool>noUpdate()
                .rescheduleAfter(recheck == null ? config.resync().waiting() : recheck);
    }

    private static ConditionState notBlocked() {
        return ConditionState.isFalse(
                CephPoolConditions.DELETION_BLOCKED, ConditionReasons.AS_EXPECTED, "the resource is not being deleted");
    }

    private static Long observedGeneration(CephPool pool) {
        return pool.getStatus() == null ? null : pool.getStatus().getObservedGeneration();
    }

    private static String summary(PoolFacts facts) {
        return facts.pool()
                .map(p -> "pool " + p.name() + ": size " + p.size() + ", min_size " + p.minSize() + ", " + p.pgNum()
                        + " PGs, autoscale "
                        + (p.pgAutoscaleMode() == null
                                ? "unset"
                                : p.pgAutoscaleMode().wire()))
                .orElse("pool " + facts.poolName());
    }

    /** Package-private so the real-Ceph IT's loop reports status exactly as the reconciler writes it. */
    static void observed(CephPoolStatus status, PoolFacts facts) {
        status.setPoolName(facts.poolName());
        status.setStorageRegistered(
                facts.spec().proxmoxStorage() == null
                        ? null
                        : facts.storage()
                                .filter(s -> s.isRbd() && facts.poolName().equals(s.pool()))
                                .isPresent());
        if (facts.pool().isEmpty()) {
            return;
        }
        Pool pool = facts.pool().get();
        status.setSize(pool.size());
        status.setMinSize(pool.minSize());
        status.setPgNum(pool.pgNum());
        status.setPgAutoscaleMode(
                pool.pgAutoscaleMode() == null ? null : pool.pgAutoscaleMode().wire());
        pool.usageOpt().ifPresent(usage -> {
            status.setBytesUsed(usage.bytesUsed());
            status.setMaxAvailBytes(usage.maxAvailBytes());
            // Ceph reports a fraction despite the name
            status.setPercentUsed(String.format(Locale.ROOT, "%.1f", usage.percentUsed() * 100));
            status.setObjects(usage.objects());
        });
    }

    private static String storageName(CephPool pool) {
        return pool.getSpec() == null || pool.getSpec().proxmoxStorage() == null
                ? null
                : pool.getSpec().proxmoxStorage().name();
    }
}
