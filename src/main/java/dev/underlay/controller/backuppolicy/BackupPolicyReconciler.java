package dev.underlay.controller.backuppolicy;

import dev.underlay.api.v1alpha1.backuppolicy.BackupPolicy;
import dev.underlay.api.v1alpha1.backuppolicy.BackupPolicySpec;
import dev.underlay.api.v1alpha1.backuppolicy.BackupPolicyStatus;
import dev.underlay.api.v1alpha1.common.ConditionReasons;
import dev.underlay.api.v1alpha1.common.ConditionTypes;
import dev.underlay.api.v1alpha1.talosnodevm.TalosNodeVM;
import dev.underlay.config.UnderlayConfig;
import dev.underlay.controller.support.ClusterClients;
import dev.underlay.controller.support.ClusterGate;
import dev.underlay.controller.support.ClusterRefResolver;
import dev.underlay.controller.support.ConditionState;
import dev.underlay.controller.support.ConnectedCluster;
import dev.underlay.controller.support.EventPublisher;
import dev.underlay.controller.support.ReadyStatusWriter;
import dev.underlay.controller.support.ReconcileErrors;
import dev.underlay.controller.support.ReconcilePrelude;
import dev.underlay.controller.support.ReconcilePrelude.Prerequisite;
import dev.underlay.controller.support.ownership.OwnerMarker;
import dev.underlay.controller.support.plan.Plan;
import dev.underlay.metrics.ClusterMetrics;
import dev.underlay.observe.BackupObservation;
import dev.underlay.observe.ClusterKey;
import dev.underlay.observe.ClusterSnapshot;
import dev.underlay.observe.SnapshotEventSource;
import dev.underlay.observe.SnapshotStore;
import dev.underlay.proxmox.ProxmoxApi;
import dev.underlay.proxmox.ProxmoxApiException;
import dev.underlay.proxmox.calendar.CalendarEvent;
import dev.underlay.proxmox.model.BackupJob;
import dev.underlay.proxmox.model.NotBackedUp;
import dev.underlay.proxmox.model.StorageResource;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.quarkus.logging.Log;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * BackupPolicy: each policy is one native Proxmox backup job ({@code /cluster/backup}), which keeps running while
 * Kubernetes or the operator is down; the operator owns its definition and reports its runs. A reconcile reads:
 * gate (spec, cluster Ready and quorate, connected) → observe (selection, the job) → plan → act (at most one
 * synchronous write) → status (runs, coverage, conditions) → next check.
 */
@ControllerConfiguration(name = BackupPolicyReconciler.NAME)
public class BackupPolicyReconciler implements Reconciler<BackupPolicy>, Cleaner<BackupPolicy> {

    /** Stable controller name: quarkus.operator-sdk.controllers.backuppolicy.* and the Helm values use it. */
    public static final String NAME = "backuppolicy";

    /** The TalosNodeVM event source: a label or VMID change re-resolves the policies that select by label. */
    static final String TALOS_NODE_VMS = "selected-talosnodevms";

    static final String LEFT_BEHIND_EVENT_REASON = "BackupJobLeftBehind";

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
    ClusterClients clients;

    @Inject
    SnapshotStore snapshots;

    @Inject
    ClusterMetrics metrics;

    @Inject
    BackupJobActions actions;

    @Inject
    TaskLogs taskLogs;

    @Inject
    EventPublisher events;

    @Inject
    Clock clock;

    @Inject
    RestoreTests restoreTests;

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
                                Optional.of(BackupObservation.of(snapshot, jobId(policy), selectedVmids(policy)))),
                talosNodeVms(context));
    }

    @Override
    public UpdateControl<BackupPolicy> reconcile(BackupPolicy policy, Context<BackupPolicy> context) throws Exception {
        BackupPolicySpec spec = policy.getSpec();
        Optional<UpdateControl<BackupPolicy>> waiting = prelude.waitFor(
                policy,
                context,
                BackupPolicyStatus::new,
                () -> BackupPolicySpecCheck.check(policy),
                Prerequisite.of(
                        () -> clusterGate.check(context, spec.clusterRef()).blocking()),
                Prerequisite.of(() -> notConnected(policy)));
        if (waiting.isPresent()) {
            return waiting.get();
        }
        ConnectedCluster cluster =
                clients.connected(policy, spec.clusterRef().name()).orElseThrow();
        String jobId = jobId(policy);
        BackupSelection selection = BackupSelection.resolve(spec, selectableVms(context, policy));
        Optional<BackupJob> observed = find(cluster.api().backupJobs(), jobId);

        Plan<JobAction> plan = new BackupJobPlanner(owner(policy), jobId)
                .plan(spec, selection, storageIds(cluster.snapshot()), observed);
        if (plan instanceof Plan.Act<JobAction> act) {
            actions.execute(policy, cluster.api(), act.action());
        }

        BackupPolicyReport report = report(policy, cluster, selection, jobId);
        RestoreTests.Outcome restore = restoreTests.reconcile(
                policy,
                owner(policy),
                ClusterKey.referencedBy(policy, spec.clusterRef().name()),
                cluster.api(),
                cluster.snapshot(),
                selection.covered(cluster.snapshot().vms()));
        Instant now = clock.instant();
        List<ConditionState> conditions = new ArrayList<>(report.conditions(plan, now));
        conditions.add(restore.condition());
        statusWriter.write(policy, context, BackupPolicyStatus::new, conditions, status -> {
            report.apply(status);
            restore.apply(status);
        });
        return UpdateControl.<BackupPolicy>noUpdate().rescheduleAfter(nextCheck(plan, restore, now));
    }

    /** Soon while a job write or a restore test is in flight; else at the calm rate, or when the next test is due. */
    private Duration nextCheck(Plan<JobAction> plan, RestoreTests.Outcome restore, Instant now) {
        if (plan instanceof Plan.Act<JobAction> || restore.busy()) {
            return config.resync().busy();
        }
        Duration calm = config.resync().calm();
        return restore.nextDue()
                .map(due -> Duration.between(now, due))
                .map(untilDue -> untilDue.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : untilDue)
                .filter(untilDue -> untilDue.compareTo(calm) < 0)
                .orElse(calm);
    }

    @Override
    public ErrorStatusUpdateControl<BackupPolicy> updateErrorStatus(
            BackupPolicy policy, Context<BackupPolicy> context, Exception e) {
        return errors.handle(policy, context, e, BackupPolicyStatus::new);
    }

    /**
     * Retain (the default) leaves the Proxmox job running without our marker (backups must not depend on the cluster
     * they protect); Delete removes the job definition. Backup archives are never deleted by the operator. Both are
     * synchronous, so the finalizer goes as soon as the write succeeded; while the cluster cannot be written to
     * (not connected yet, quorum lost) deletion waits, unless the ProxmoxCluster itself is gone.
     */
    @Override
    public DeleteControl cleanup(BackupPolicy policy, Context<BackupPolicy> context) throws ProxmoxApiException {
        BackupPolicySpec spec = policy.getSpec();
        if (spec == null || spec.clusterRef() == null || spec.clusterRef().name() == null) {
            return DeleteControl.defaultDelete();
        }
        String jobId = jobId(policy);
        Optional<ConnectedCluster> cluster =
                clients.connected(policy, spec.clusterRef().name());
        if (cluster.isEmpty() || !cluster.get().snapshot().isQuorate()) {
            boolean clusterGone = ClusterRefResolver.resolve(context, spec.clusterRef())
                    .blocking()
                    .map(b -> ConditionReasons.CLUSTER_NOT_FOUND.equals(b.reason()))
                    .orElse(false);
            if (clusterGone) {
                events.publish(
                        policy,
                        EventPublisher.WARNING,
                        LEFT_BEHIND_EVENT_REASON,
                        "ProxmoxCluster " + spec.clusterRef().name() + " is gone: backup job " + jobId
                                + " (if it exists) was left on Proxmox as it was");
                return DeleteControl.defaultDelete();
            }
            Log.infof(
                    "BackupPolicy %s/%s: deletion waits until cluster %s is connected and quorate",
                    policy.getMetadata().getNamespace(),
                    policy.getMetadata().getName(),
                    spec.clusterRef().name());
            return DeleteControl.noFinalizerRemoval()
                    .rescheduleAfter(config.resync().waiting());
        }
        ProxmoxApi api = cluster.get().api();
        if (policy.getStatus() != null && policy.getStatus().getRestoreTestInProgress() != null) {
            // a restore test in flight must not leave its scratch VM behind: end it first, one step per pass
            RestoreTests.Outcome ended = restoreTests.end(
                    policy,
                    owner(policy),
                    ClusterKey.referencedBy(policy, spec.clusterRef().name()),
                    api,
                    cluster.get().snapshot());
            statusWriter.write(policy, context, BackupPolicyStatus::new, List.of(ended.condition()), ended::apply);
            if (ended.inProgress().isPresent()) {
                return DeleteControl.noFinalizerRemoval()
                        .rescheduleAfter(config.resync().busy());
            }
        }
        Plan<JobAction> plan = new BackupJobPlanner(owner(policy), jobId).cleanup(spec, find(api.backupJobs(), jobId));
        if (plan instanceof Plan.Act<JobAction> act) {
            actions.execute(policy, api, act.action());
        }
        return DeleteControl.defaultDelete();
    }

    private Optional<ConditionState> notConnected(BackupPolicy policy) {
        if (clients.connected(policy, policy.getSpec().clusterRef().name()).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(ConditionState.isFalse(
                ConditionTypes.READY,
                ConditionReasons.WAITING_FOR_SNAPSHOT,
                "ProxmoxCluster " + policy.getSpec().clusterRef().name() + " has not been observed yet"));
    }

    /** Everything the status says besides Ready: the job's runs, coverage, schedule and storage. */
    private BackupPolicyReport report(
            BackupPolicy policy, ConnectedCluster cluster, BackupSelection selection, String jobId) {
        BackupPolicySpec spec = policy.getSpec();
        ClusterSnapshot snapshot = cluster.snapshot();
        List<Integer> covered = selection.covered(snapshot.vms());
        BackupRuns runs = BackupRuns.of(
                snapshot.tasks(), task -> taskLogs.of(cluster.api(), task), jobId, spec.storage(), Set.copyOf(covered));
        CalendarEvent schedule = CalendarEvent.parse(spec.schedule());
        // /nodes/{node}/time is not part of ProxmoxApi yet: the next run is computed in UTC, as the simulator runs
        ZonedDateTime now = ZonedDateTime.now(clock).withZoneSameInstant(ZoneOffset.UTC);
        BackupPolicyStatus previous = policy.getStatus();
        return new BackupPolicyReport(
                jobId,
                BackupJobMapping.keep(spec.retention()),
                spec.enabled(),
                spec.enabled() ? schedule.next(now) : Optional.empty(),
                schedule.period(),
                covered,
                notBackedUp(policy, snapshot, selection),
                runs,
                Optional.ofNullable(previous)
                        .map(BackupPolicyStatus::getLastSuccessfulRun)
                        .map(Instant::parse),
                Optional.ofNullable(policy.getMetadata().getCreationTimestamp())
                        .map(Instant::parse)
                        .orElse(now.toInstant()),
                spec.requireEncryption(),
                spec.requireEncryption() ? storageEncrypted(cluster.api(), spec.storage()) : Optional.empty());
    }

    /** The guests in the policy's scope that no job covers, from the list the cluster metrics read at a low rate. */
    private Optional<List<Integer>> notBackedUp(
            BackupPolicy policy, ClusterSnapshot snapshot, BackupSelection selection) {
        ClusterKey key =
                ClusterKey.referencedBy(policy, policy.getSpec().clusterRef().name());
        return metrics.notBackedUp(key)
                .map(guests -> guests.stream()
                        .map(NotBackedUp::vmid)
                        .filter(vmid -> selection.inScope(vmid, snapshot.vms()))
                        .sorted()
                        .toList());
    }

    /** A Proxmox Backup Server storage with an encryption key (PVE keeps the key's fingerprint in storage.cfg). */
    private static Optional<Boolean> storageEncrypted(ProxmoxApi api, String storage) {
        try {
            return Optional.of(api.storages().stream()
                    .filter(s -> storage.equals(s.storage()))
                    .anyMatch(s -> "pbs".equals(s.type())
                            && s.other().get("encryption-key") != null
                            && !s.other().get("encryption-key").isBlank()));
        } catch (ProxmoxApiException e) {
            Log.debugf("storage %s: configuration unavailable: %s", storage, e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<BackupJob> find(List<BackupJob> jobs, String jobId) {
        return jobs.stream().filter(j -> jobId.equals(j.id())).findFirst();
    }

    private static Set<String> storageIds(ClusterSnapshot snapshot) {
        return snapshot.storages().stream().map(StorageResource::storage).collect(Collectors.toSet());
    }

    private OwnerMarker.Owner owner(BackupPolicy policy) {
        return new OwnerMarker.Owner(
                config.operator().ownerId(),
                policy.getMetadata().getNamespace(),
                policy.getMetadata().getName(),
                policy.getMetadata().getUid());
    }

    /**
     * The Proxmox backup job this policy owns: status.jobId once recorded (authoritative, whatever scheme chose it),
     * else the id derived from the owner (see {@link BackupJobMapping#jobIdFor}).
     */
    private String jobId(BackupPolicy policy) {
        if (policy.getStatus() != null && policy.getStatus().getJobId() != null) {
            return policy.getStatus().getJobId();
        }
        return BackupJobMapping.jobIdFor(owner(policy));
    }

    /** Explicit VMIDs of the selector; empty (meaning any guest) for all, pool and label selectors. */
    private static List<Integer> selectedVmids(BackupPolicy policy) {
        return policy.getSpec() == null
                        || policy.getSpec().selector() == null
                        || policy.getSpec().selector().vmids() == null
                ? List.of()
                : policy.getSpec().selector().vmids();
    }

    @SuppressWarnings("unchecked")
    private static List<TalosNodeVM> selectableVms(Context<BackupPolicy> context, BackupPolicy policy) {
        if (policy.getSpec().selector().talosNodeVMSelector() == null) {
            return List.of();
        }
        InformerEventSource<TalosNodeVM, BackupPolicy> vms = (InformerEventSource<TalosNodeVM, BackupPolicy>)
                context.eventSourceRetriever().getEventSourceFor(TalosNodeVM.class, TALOS_NODE_VMS);
        return vms.list(policy.getMetadata().getNamespace(), vm -> true).toList();
    }

    /** TalosNodeVMs wake the policies of their namespace that select by label, on a label or VMID change only. */
    private static InformerEventSource<TalosNodeVM, BackupPolicy> talosNodeVms(
            EventSourceContext<BackupPolicy> context) {
        InformerEventSourceConfiguration<TalosNodeVM> configuration = InformerEventSourceConfiguration.from(
                        TalosNodeVM.class, BackupPolicy.class)
                .withName(TALOS_NODE_VMS)
                .withSecondaryToPrimaryMapper(vm -> context.getPrimaryCache()
                        .list(
                                vm.getMetadata().getNamespace(),
                                policy -> policy.getSpec() != null
                                        && policy.getSpec().selector() != null
                                        && policy.getSpec().selector().talosNodeVMSelector() != null)
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toCollection(HashSet::new)))
                .withOnUpdateFilter((updated, previous) -> !Objects.equals(
                                updated.getMetadata().getLabels(),
                                previous.getMetadata().getLabels())
                        || !Objects.equals(BackupSelection.vmidOf(updated), BackupSelection.vmidOf(previous)))
                .withNamespacesInheritedFromController()
                .build();
        return new InformerEventSource<>(configuration, context);
    }
}
