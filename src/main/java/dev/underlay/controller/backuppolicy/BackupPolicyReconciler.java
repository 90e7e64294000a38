package dev.underlay.controller.backuppolicy;

import dev.underlay.api.v1alpha1.backuppolicy.BackupPolicy;
import dev.underlay.api.v1alpha1.backuppolicy.BackupPolicyStatus;
import dev.underlay.config.UnderlayConfig;
import dev.underlay.controller.support.ClusterGate;
import dev.underlay.controller.support.ClusterRefResolver;
import dev.underlay.controller.support.NotImplementedYet;
import dev.underlay.controller.support.ReadyStatusWriter;
import dev.underlay.controller.support.ReconcileErrors;
import dev.underlay.controller.support.ReconcilePrelude;
import dev.underlay.controller.support.ReconcilePrelude.Prerequisite;
import dev.underlay.observe.BackupObservation;
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
 * BackupPolicy: check the spec, wait for its ProxmoxCluster to be Ready, then (in this version) report that backup
 * jobs are not managed yet. The cluster is watched, so its appearance or any status change moves the policy on.
 */
@ControllerConfiguration(name = BackupPolicyReconciler.NAME)
public class BackupPolicyReconciler implements Reconciler<BackupPolicy>, Cleaner<BackupPolicy> {

    /** Stable controller name: quarkus.operator-sdk.controllers.backuppolicy.* and the Helm values use it. */
    public static final String NAME = "backuppolicy";

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
    public List<EventSource<?, BackupPolicy>> prepareEventSources(EventSourceContext<BackupPolicy> context) {
        return List.of(
                ClusterRefResolver.eventSource(
                        context,
                        policy -> policy.getSpec() == null
                                ? null
                                : policy.getSpec().clusterRef()),
                SnapshotEventSource.register(
                        context,
                        snapshots,
                        BackupObservation.class,
                        BackupObservation::jobId,
                        policy -> Optional.ofNullable(policy.getSpec())
                                .map(spec -> spec.clusterRef())
                                .map(ref -> ref.name()),
                        (policy, snapshot) ->
                                Optional.of(BackupObservation.of(snapshot, jobId(policy), selectedVmids(policy)))));
    }

    @Override
    public UpdateControl<BackupPolicy> reconcile(BackupPolicy policy, Context<BackupPolicy> context) throws Exception {
        Optional<UpdateControl<BackupPolicy>> waiting = prelude.waitFor(
                policy,
                context,
                BackupPolicyStatus::new,
                () -> BackupPolicySpecCheck.check(policy),
                Prerequisite.of(() -> clusterGate
                        .check(context, policy.getSpec().clusterRef())
                        .blocking()));
        if (waiting.isPresent()) {
            return waiting.get();
        }

        // the backup controller plugs in here: the Proxmox backup job as a dependent resource, run history, restore
        // test
        statusWriter.write(
                policy,
                context,
                BackupPolicyStatus::new,
                List.of(NotImplementedYet.ready(
                        "BackupPolicy", policy.getSpec().clusterRef().name())));
        return UpdateControl.<BackupPolicy>noUpdate()
                .rescheduleAfter(config.resync().calm());
    }

    @Override
    public ErrorStatusUpdateControl<BackupPolicy> updateErrorStatus(
            BackupPolicy policy, Context<BackupPolicy> context, Exception e) {
        return errors.handle(policy, context, e, BackupPolicyStatus::new);
    }

    /**
     * No backup job is created by this version, so deletion never waits. When jobs are managed, Retain leaves the
     * Proxmox job running (backups must not depend on the cluster they protect) and Delete removes the job definition;
     * backup archives are never deleted by the operator.
     */
    @Override
    public DeleteControl cleanup(BackupPolicy policy, Context<BackupPolicy> context) {
        Log.infof(
                "BackupPolicy %s/%s deleted; no backup job was created by this version (deletionPolicy %s)",
                policy.getMetadata().getNamespace(),
                policy.getMetadata().getName(),
                policy.getSpec() == null ? "unset" : policy.getSpec().deletionPolicy());
        return DeleteControl.defaultDelete();
    }

    /** The Proxmox backup job this policy owns: recorded in status once created, else underlay-UID (API.md). */
    private static String jobId(BackupPolicy policy) {
        if (policy.getStatus() != null && policy.getStatus().getJobId() != null) {
            return policy.getStatus().getJobId();
        }
        return "underlay-" + policy.getMetadata().getUid();
    }

    /** Explicit VMIDs of the selector; empty (meaning any guest) for all, pool and label selectors. */
    private static List<Integer> selectedVmids(BackupPolicy policy) {
        return policy.getSpec() == null
                        || policy.getSpec().selector() == null
                        || policy.getSpec().selector().vmids() == null
                ? List.of()
                : policy.getSpec().selector().vmids();
    }
}
