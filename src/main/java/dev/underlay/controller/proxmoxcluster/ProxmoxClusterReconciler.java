package dev.underlay.controller.proxmoxcluster;

import dev.underlay.api.v1alpha1.common.ConditionReasons;
import dev.underlay.api.v1alpha1.common.ConditionTypes;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxClusterSpec;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxClusterStatus;
import dev.underlay.config.UnderlayConfig;
import dev.underlay.controller.proxmoxcluster.ha.HaLayoutRelease;
import dev.underlay.controller.proxmoxcluster.maintenance.MaintenanceRelease;
import dev.underlay.controller.support.ClusterSession;
import dev.underlay.controller.support.ConditionState;
import dev.underlay.controller.support.ReadyStatusWriter;
import dev.underlay.controller.support.ReconcileErrors;
import dev.underlay.controller.support.ReconcilePrelude;
import dev.underlay.controller.support.SecretResolver;
import dev.underlay.observe.ClusterKey;
import dev.underlay.observe.SnapshotEventSource;
import dev.underlay.observe.SnapshotStore;
import io.fabric8.kubernetes.api.model.Condition;
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

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * ProxmoxCluster: check the spec, resolve the credentials and CA Secrets, hand over to the {@link ClusterObserver},
 * write status, come back later. Secrets are watched, so a Secret that appears or changes moves the status at once.
 */
@ControllerConfiguration(name = ProxmoxClusterReconciler.NAME)
public class ProxmoxClusterReconciler implements Reconciler<ProxmoxCluster>, Cleaner<ProxmoxCluster> {

    /** Stable controller name: quarkus.operator-sdk.controllers.proxmoxcluster.* and the Helm values use it. */
    public static final String NAME = "proxmoxcluster";

    @Inject
    ClusterObserver observer;

    @Inject
    SnapshotStore snapshots;

    @Inject
    ReadyStatusWriter statusWriter;

    @Inject
    ReconcilePrelude prelude;

    @Inject
    ReconcileErrors errors;

    @Inject
    UnderlayConfig config;

    @Inject
    ConditionTransitionEvents transitions;

    @Inject
    CleanupConnections cleanupConnections;

    @Inject
    HaLayoutRelease haRelease;

    @Inject
    MaintenanceRelease maintenanceRelease;

    @Inject
    LocalClusterState localState;

    @Override
    public List<EventSource<?, ProxmoxCluster>> prepareEventSources(EventSourceContext<ProxmoxCluster> context) {
        return List.of(
                SecretResolver.eventSource(context, ProxmoxClusterReconciler::referencedSecrets),
                // a child that wrote to the cluster waits for the next snapshot: take it now
                SnapshotEventSource.RefreshRequests.register(snapshots, context));
    }

    @Override
    public UpdateControl<ProxmoxCluster> reconcile(ProxmoxCluster cluster, Context<ProxmoxCluster> context)
            throws Exception {
        ClusterAccessResolver resolver = new ClusterAccessResolver(name -> SecretResolver.find(context, name));
        ClusterAccessResolver.AccessResolution[] access = new ClusterAccessResolver.AccessResolution[1];
        Optional<UpdateControl<ProxmoxCluster>> waiting = prelude.waitFor(
                cluster, context, ProxmoxClusterStatus::new, () -> ProxmoxClusterSpecCheck.check(cluster), () -> {
                    access[0] = resolver.resolve(cluster);
                    return access[0].isBlocked() ? Optional.of(notAttempted(access[0].blocker())) : Optional.empty();
                });
        if (waiting.isPresent()) {
            return waiting.get();
        }

        ClusterObservation observation = observer.observe(cluster, access[0].access());
        List<Condition> before =
                cluster.getStatus() == null ? List.of() : cluster.getStatus().getConditions();
        if (statusWriter.write(
                cluster, context, ProxmoxClusterStatus::new, observation.conditions(), observation.observedFields())) {
            transitions.publish(cluster, before, observation.conditions());
        }
        return UpdateControl.<ProxmoxCluster>noUpdate().rescheduleAfter(observation.nextCheck());
    }

    /** Credentials or CA unusable: Ready says why, Connected that no connection was tried. */
    private static List<ConditionState> notAttempted(ConditionState ready) {
        return List.of(
                ready,
                ConditionState.unknown(ConditionTypes.CONNECTED, ready.reason(), "not attempted: " + ready.message()));
    }

    @Override
    public ErrorStatusUpdateControl<ProxmoxCluster> updateErrorStatus(
            ProxmoxCluster cluster, Context<ProxmoxCluster> context, Exception e) {
        return errors.handle(
                cluster,
                context,
                e,
                ProxmoxClusterStatus::new,
                List.of(ConditionState.unknown(
                        ConditionTypes.CONNECTED, ConditionReasons.INVALID_SPEC, "not attempted: invalid spec")));
    }

    /**
     * Releases the HA groups/rules the cluster owns on Proxmox ({@link HaLayoutRelease}: deleted with deletionPolicy
     * Delete, their marker stripped with Retain), ends its node maintenance ({@link MaintenanceRelease}: uncordon,
     * unset the noout it set), then forgets the cluster here: client closed, snapshot dropped so its children stop
     * acting on it, metric series removed. Nothing else on Proxmox is touched.
     */
    @Override
    public DeleteControl cleanup(ProxmoxCluster cluster, Context<ProxmoxCluster> context) {
        ClusterKey key = ClusterKey.of(cluster);
        ClusterSession connection = cleanupConnections.session(cluster, context);
        Optional<String> wait = haRelease.release(cluster, connection);
        if (wait.isPresent()) {
            return DeleteControl.noFinalizerRemoval()
                    .rescheduleAfter(config.resync().waiting());
        }
        maintenanceRelease.release(cluster, connection);
        localState.forget(key);
        Log.infof("ProxmoxCluster %s deleted; client closed, snapshot and metrics dropped", key);
        return DeleteControl.defaultDelete();
    }

    static Set<String> referencedSecrets(ProxmoxCluster cluster) {
        ProxmoxClusterSpec spec = cluster.getSpec();
        Set<String> names = new HashSet<>();
        if (spec == null) {
            return names;
        }
        if (spec.credentialsSecretRef() != null && spec.credentialsSecretRef().name() != null) {
            names.add(spec.credentialsSecretRef().name());
        }
        if (spec.tls() != null
                && spec.tls().caSecretRef() != null
                && spec.tls().caSecretRef().name() != null) {
            names.add(spec.tls().caSecretRef().name());
        }
        return names;
    }
}
