package dev.underlay.controller.cephpool;

import dev.underlay.api.v1alpha1.cephpool.CephPool;
import dev.underlay.api.v1alpha1.cephpool.CephPoolStatus;
import dev.underlay.config.UnderlayConfig;
import dev.underlay.controller.support.ClusterGate;
import dev.underlay.controller.support.ClusterRefResolver;
import dev.underlay.controller.support.NotImplementedYet;
import dev.underlay.controller.support.ReadyStatusWriter;
import dev.underlay.controller.support.ReconcileErrors;
import dev.underlay.controller.support.ReconcilePrelude;
import dev.underlay.controller.support.ReconcilePrelude.Prerequisite;
import dev.underlay.observe.PoolObservation;
import dev.underlay.observe.SnapshotEventSource;
import dev.underlay.observe.SnapshotStore;
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

import java.util.List;
import java.util.Optional;

/**
 * CephPool: check the spec, wait for its ProxmoxCluster to be Ready, then (in this version) report that pool
 * management is not implemented. The cluster is watched, so its appearance or any status change moves the pool on.
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

        // the pool controller plugs in here: plan from spec + the snapshot's pool observation, act, report
        statusWriter.write(
                pool,
                context,
                CephPoolStatus::new,
                List.of(NotImplementedYet.ready(
                        "CephPool", pool.getSpec().clusterRef().name())));
        return UpdateControl.<CephPool>noUpdate()
                .rescheduleAfter(config.resync().calm());
    }

    @Override
    public ErrorStatusUpdateControl<CephPool> updateErrorStatus(CephPool pool, Context<CephPool> context, Exception e) {
        return errors.handle(pool, context, e, CephPoolStatus::new);
    }

    /**
     * No pool is created by this version, so deletion never waits. When pools are managed, Retain strips the ownership
     * marker and Delete removes the pool (refused while it holds data unless allowDeleteWithData), keeping the
     * finalizer until the Proxmox task finished.
     */
    @Override
    public DeleteControl cleanup(CephPool pool, Context<CephPool> context) {
        Log.infof(
                "CephPool %s/%s deleted; no Ceph pool was created by this version (deletionPolicy %s)",
                pool.getMetadata().getNamespace(),
                pool.getMetadata().getName(),
                pool.getSpec() == null ? "unset" : pool.getSpec().deletionPolicy());
        return DeleteControl.defaultDelete();
    }

    private static String storageName(CephPool pool) {
        return pool.getSpec() == null || pool.getSpec().proxmoxStorage() == null
                ? null
                : pool.getSpec().proxmoxStorage().name();
    }
}
