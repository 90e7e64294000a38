package dev.underlay.controller.talosnodevm;

import dev.underlay.api.v1alpha1.common.ConditionReasons;
import dev.underlay.api.v1alpha1.common.ConditionTypes;
import dev.underlay.api.v1alpha1.common.SecretKeyRef;
import dev.underlay.api.v1alpha1.common.TaskRef;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.api.v1alpha1.proxmoxcluster.VmidRangeSpec;
import dev.underlay.api.v1alpha1.talosnodevm.DriftEntry;
import dev.underlay.api.v1alpha1.talosnodevm.TalosNodeVM;
import dev.underlay.api.v1alpha1.talosnodevm.TalosNodeVMStatus;
import dev.underlay.api.v1alpha1.talosnodevm.TalosSpec;
import dev.underlay.config.UnderlayConfig;
import dev.underlay.connection.ProxmoxConnections;
import dev.underlay.controller.support.ClusterGate;
import dev.underlay.controller.support.ClusterRefResolver;
import dev.underlay.controller.support.ClusterResolution;
import dev.underlay.controller.support.ConditionState;
import dev.underlay.controller.support.EventPublisher;
import dev.underlay.controller.support.InvalidSpecException;
import dev.underlay.controller.support.ReadyStatusWriter;
import dev.underlay.controller.support.ReconcileErrors;
import dev.underlay.controller.support.ReconcilePrelude;
import dev.underlay.controller.support.ReconcilePrelude.Prerequisite;
import dev.underlay.controller.support.SecretContents;
import dev.underlay.controller.support.SecretResolver;
import dev.underlay.controller.support.disruption.DisruptionBudget;
import dev.underlay.controller.support.disruption.DisruptionHolder;
import dev.underlay.controller.support.ownership.GuestMarker;
import dev.underlay.controller.support.ownership.OwnerMarker.Owner;
import dev.underlay.controller.support.plan.Plan;
import dev.underlay.controller.support.plan.TaskFollower;
import dev.underlay.observe.ClusterKey;
import dev.underlay.observe.ClusterSnapshot;
import dev.underlay.observe.SnapshotEventSource;
import dev.underlay.observe.SnapshotStore;
import dev.underlay.observe.VmObservation;
import dev.underlay.proxmox.ConflictException;
import dev.underlay.proxmox.InvalidParameterException;
import dev.underlay.proxmox.LockedException;
import dev.underlay.proxmox.ProxmoxApi;
import dev.underlay.proxmox.ProxmoxApiException;
import dev.underlay.proxmox.model.Upid;
import io.fabric8.kubernetes.client.KubernetesClientException;
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

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * TalosNodeVM: check the spec, resolve the machine-config Secret (a local reference, reported first), wait for the
 * ProxmoxCluster to be Ready; then refresh ({@link VmObserver}), plan ({@link VmPlanner}), act (one
 * {@link VmAction}, by {@link VmActions}) and report (one status path). Secrets, the cluster and the VM's row of the
 * cluster snapshot are watched, so any of them changing moves the VM on at once.
 */
@ControllerConfiguration(name = TalosNodeVMReconciler.NAME)
public class TalosNodeVMReconciler implements Reconciler<TalosNodeVM>, Cleaner<TalosNodeVM> {

    /** Stable controller name: quarkus.operator-sdk.controllers.talosnodevm.* and the Helm values use it. */
    public static final String NAME = "talosnodevm";

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
    ProxmoxConnections connections;

    @Inject
    Clock clock;

    @Inject
    DisruptionBudget budget;

    @Inject
    EventPublisher events;

    /** Event reasons of this controller (README's troubleshooting table names them). */
    static final String DRIFT_DETECTED = "DriftDetected";

    static final String DRIFT_CORRECTED = "DriftCorrected";
    static final String RESTART_EVENT = "GatedRestart";

    @Override
    public List<EventSource<?, TalosNodeVM>> prepareEventSources(EventSourceContext<TalosNodeVM> context) {
        return List.of(
                SecretResolver.eventSource(
                        context,
                        vm -> machineConfigRef(vm)
                                .map(ref -> Set.of(ref.name()))
                                .orElse(Set.of())),
                ClusterRefResolver.eventSource(
                        context,
                        vm -> vm.getSpec() == null ? null : vm.getSpec().clusterRef()),
                SnapshotEventSource.register(
                        context,
                        snapshots,
                        VmObservation.class,
                        obs -> Integer.toString(obs.vmid()),
                        TalosNodeVMReconciler::clusterName,
                        (vm, snapshot) -> Optional.ofNullable(VmIdentity.vmid(vm))
                                .flatMap(vmid -> VmObservation.of(snapshot, vmid))));
    }

    @Override
    public UpdateControl<TalosNodeVM> reconcile(TalosNodeVM vm, Context<TalosNodeVM> context) throws Exception {
        Optional<UpdateControl<TalosNodeVM>> waiting = prelude.waitFor(
                vm,
                context,
                TalosNodeVMStatus::new,
                () -> TalosNodeVMSpecCheck.check(vm),
                Prerequisite.of(() -> machineConfigProblem(vm, context)),
                Prerequisite.of(() ->
                        clusterGate.check(context, vm.getSpec().clusterRef()).blocking()));
        if (waiting.isPresent()) {
            return waiting.get();
        }
        ClusterKey key = ClusterKey.referencedBy(vm, vm.getSpec().clusterRef().name());
        Optional<ClusterSnapshot> snapshot = snapshots.latest(key);
        Optional<ProxmoxApi> api = connections.api(key);
        if (snapshot.isEmpty() || api.isEmpty()) {
            return report(
                    vm,
                    context,
                    null,
                    Plan.waitFor(
                            ConditionReasons.WAITING_FOR_SNAPSHOT,
                            "waiting for the first snapshot of ProxmoxCluster " + key.name()));
        }

        // refresh: what the snapshot shows, plus the few reads the snapshot cannot answer
        VmFacts facts = new VmObserver(api.get(), snapshot.get())
                .observe(
                        vm,
                        owner(vm),
                        vmidRange(context, vm),
                        sameCluster(vm, context),
                        false,
                        config.resync().vmConfigDrift(),
                        clock.instant());
        RestartGate gate =
                new RestartGate(context.getClient(), budget, config.restart().maxUnavailableWorkers());
        if (facts.guest().isPresent() && (facts.config().isPresent() || facts.restart() != null)) {
            // the Node's mark is the restart's second record: read whenever a restart may start or is under way
            facts = facts.withKubeNode(gate.node(facts.vmName(), holder(vm)));
        }
        Plan<VmAction> plan = VmPlanner.plan(facts);

        // act: one step, whose task the next reconcile follows
        if (plan instanceof Plan.Act<VmAction> act) {
            if (act.action() instanceof VmAction.RecordIdentity identity) {
                recordIdentity(vm, context, identity);
                return report(vm, context, facts, plan);
            }
            if (act.action() instanceof VmAction.TakeBudget take) {
                Plan<VmAction> outcome = gate.take(namespace(vm), holder(vm), take, plan);
                if (outcome == plan) {
                    event(vm, EventPublisher.NORMAL, RESTART_EVENT, take.describe());
                }
                return report(vm, context, facts, outcome);
            }
            if (act.action() instanceof VmAction.Drain drain) {
                return report(vm, context, facts, gate.drain(drain, plan));
            }
            if (act.action() instanceof VmAction.ReleaseBudget release) {
                gate.release(namespace(vm), holder(vm), release);
                event(
                        vm,
                        EventPublisher.NORMAL,
                        RESTART_EVENT,
                        "restarted; Kubernetes node " + release.kubernetesNode() + " is Ready and uncordoned");
                return report(vm, context, facts, plan);
            }
            Log.infof(
                    "TalosNodeVM %s/%s: %s",
                    namespace(vm), vm.getMetadata().getName(), act.action().describe());
            Optional<Upid> task;
            try {
                task = actions(api.get(), vm, context).execute(act.action());
            } catch (ConflictException | LockedException busy) {
                if (act.action() instanceof VmAction.Create create && createdByUs(api.get(), vm, create)) {
                    // a second create raced the first (the informer had not yet seen the status it wrote): the VM is
                    // ours already, so this is progress, not a refusal
                    return report(
                            vm,
                            context,
                            facts,
                            Plan.waitFor(
                                    ConditionReasons.WAITING_FOR_SNAPSHOT,
                                    "VM " + create.vmid()
                                            + " was created; waiting for the cluster snapshot to show it"));
                }
                // someone else got there first (a VMID taken, a config changed, a lock): look again, never retry blind
                return report(
                        vm,
                        context,
                        facts,
                        Plan.waitFor(
                                ConditionReasons.VM_LOCKED,
                                act.action().describe() + " refused: " + busy.getMessage()));
            } catch (InvalidParameterException rejected) {
                throw new InvalidSpecException(
                        List.of("Proxmox rejected " + act.action().describe() + ": " + rejected.getMessage()));
            }
            return report(vm, context, facts, plan, task.map(upid -> TaskFollower.started(upid, now())));
        }
        return report(vm, context, facts, plan);
    }

    @Override
    public ErrorStatusUpdateControl<TalosNodeVM> updateErrorStatus(
            TalosNodeVM vm, Context<TalosNodeVM> context, Exception e) {
        return errors.handle(vm, context, e, TalosNodeVMStatus::new);
    }

    /**
     * Retain takes the ownership marker off the VM and leaves it; Delete stops the VM (waiting for the stop task),
     * destroys it with purge on the node the snapshot shows now, then deletes its cidata image. The finalizer stays
     * until that is done; a VM that is not ours is never touched.
     */
    @Override
    public DeleteControl cleanup(TalosNodeVM vm, Context<TalosNodeVM> context) {
        if (vm.getSpec() == null || vm.getSpec().clusterRef() == null) {
            return DeleteControl.defaultDelete();
        }
        ClusterResolution cluster =
                ClusterRefResolver.resolve(context, vm.getSpec().clusterRef());
        if (cluster.blocking()
                .filter(b -> ConditionReasons.CLUSTER_NOT_FOUND.equals(b.reason()))
                .isPresent()) {
            Log.warnf(
                    "TalosNodeVM %s/%s deleted while its ProxmoxCluster is gone; its VM (if any) is left as it is",
                    namespace(vm), vm.getMetadata().getName());
            return DeleteControl.defaultDelete();
        }
        ClusterKey key = ClusterKey.referencedBy(vm, vm.getSpec().clusterRef().name());
        Optional<ClusterSnapshot> snapshot = snapshots.latest(key);
        Optional<ProxmoxApi> api = connections.api(key);
        if (snapshot.isEmpty() || api.isEmpty() || !snapshot.get().isQuorate()) {
            return DeleteControl.noFinalizerRemoval()
                    .rescheduleAfter(config.resync().waiting());
        }
        try {
            VmFacts facts = new VmObserver(api.get(), snapshot.get())
                    .observe(vm, owner(vm), null, List.of(), true, null, clock.instant());
            Plan<VmAction> plan = VmPlanner.planDeletion(facts);
            if (plan instanceof Plan.Done<VmAction>) {
                Log.infof(
                        "TalosNodeVM %s/%s deleted (deletionPolicy %s)",
                        namespace(vm), vm.getMetadata().getName(), vm.getSpec().deletionPolicy());
                return DeleteControl.defaultDelete();
            }
            Optional<TaskRef> started = Optional.empty();
            if (plan instanceof Plan.Act<VmAction> act) {
                Log.infof(
                        "TalosNodeVM %s/%s: %s",
                        namespace(vm), vm.getMetadata().getName(), act.action().describe());
                started = actions(api.get(), vm, context)
                        .execute(act.action())
                        .map(upid -> TaskFollower.started(upid, now()));
                if (act.action() instanceof VmAction.Unmark && started.isEmpty()) {
                    return DeleteControl.defaultDelete();
                }
            }
            report(vm, context, facts, plan, started);
            return DeleteControl.noFinalizerRemoval()
                    .rescheduleAfter(config.resync().busy());
        } catch (ProxmoxApiException e) {
            Log.warnf(
                    "TalosNodeVM %s/%s: deletion step failed, trying again: %s",
                    namespace(vm), vm.getMetadata().getName(), e.getMessage());
            return DeleteControl.noFinalizerRemoval()
                    .rescheduleAfter(config.resync().waiting());
        }
    }

    private UpdateControl<TalosNodeVM> report(
            TalosNodeVM vm, Context<TalosNodeVM> context, VmFacts facts, Plan<VmAction> plan) {
        return report(vm, context, facts, plan, Optional.empty());
    }

    /** The one status path: the verdict, what was observed, and the task to follow next. */
    private UpdateControl<TalosNodeVM> report(
            TalosNodeVM vm,
            Context<TalosNodeVM> context,
            VmFacts facts,
            Plan<VmAction> plan,
            Optional<TaskRef> started) {
        VmStatusView view = VmStatusView.of(facts, plan, started, now());
        List<DriftEntry> driftBefore =
                vm.getStatus() == null ? List.of() : vm.getStatus().getDrift();
        statusWriter.write(vm, context, TalosNodeVMStatus::new, view.conditions(), view::applyTo);
        view.drift().ifPresent(after -> driftEvents(vm, driftBefore, after));
        Duration next;
        if (plan instanceof Plan.Wait<VmAction> wait) {
            next = wait.recheck() != null ? wait.recheck() : config.resync().busy();
        } else if (plan instanceof Plan.Invalid<VmAction>) {
            next = config.resync().invalidSpec();
        } else if (plan instanceof Plan.Done<VmAction>) {
            next = config.resync().calm();
        } else {
            next = config.resync().busy();
        }
        return UpdateControl.<TalosNodeVM>noUpdate().rescheduleAfter(next);
    }

    /** An Event when drift appears (or changes) and when it is gone; none while it stays the same. */
    private void driftEvents(TalosNodeVM vm, List<DriftEntry> before, List<DriftEntry> after) {
        if (after.equals(before)) {
            return;
        }
        if (after.isEmpty()) {
            event(vm, EventPublisher.NORMAL, DRIFT_CORRECTED, "the VM matches the spec again");
            return;
        }
        String fields = after.stream()
                .map(d -> d.field() + ": " + d.actual() + " -> " + d.desired())
                .collect(Collectors.joining("; "));
        event(vm, EventPublisher.WARNING, DRIFT_DETECTED, "the VM differs from the spec: " + fields);
    }

    private void event(TalosNodeVM vm, String type, String reason, String message) {
        try {
            events.publish(vm, type, reason, message);
        } catch (KubernetesClientException e) {
            // an Event is a courtesy; the status says the same
            Log.debugf(
                    "TalosNodeVM %s: event not recorded: %s", vm.getMetadata().getName(), e.getMessage());
        }
    }

    private static DisruptionHolder holder(TalosNodeVM vm) {
        return DisruptionHolder.restart(namespace(vm), vm.getMetadata().getName());
    }

    /**
     * The identity goes into annotations first, with the resource version read (two replicas, or a reconcile racing
     * a stale cache, cannot record two), then into status; the create call comes only after both.
     */
    private void recordIdentity(TalosNodeVM vm, Context<TalosNodeVM> context, VmAction.RecordIdentity identity) {
        Map<String, String> annotations = new HashMap<>(
                Optional.ofNullable(vm.getMetadata().getAnnotations()).orElse(Map.of()));
        annotations.put(VmIdentity.VMID_ANNOTATION, Integer.toString(identity.vmid()));
        annotations.put(VmIdentity.SMBIOS_UUID_ANNOTATION, identity.smbiosUuid());
        TalosNodeVM edited = context.getClient().getKubernetesSerialization().clone(vm);
        edited.getMetadata().setAnnotations(annotations);
        edited.setStatus(null);
        TalosNodeVM updated = context.getClient().resource(edited).update();
        vm.getMetadata().setAnnotations(updated.getMetadata().getAnnotations());
        vm.getMetadata().setResourceVersion(updated.getMetadata().getResourceVersion());
        Log.infof("TalosNodeVM %s/%s: %s", namespace(vm), vm.getMetadata().getName(), identity.describe());
    }

    private VmActions actions(ProxmoxApi api, TalosNodeVM vm, Context<TalosNodeVM> context) {
        return new VmActions(api, () -> CidataImage.of(vm, machineConfig(vm, context)));
    }

    private static byte[] machineConfig(TalosNodeVM vm, Context<TalosNodeVM> context) {
        SecretKeyRef ref = machineConfigRef(vm).orElseThrow();
        return SecretResolver.find(context, ref.name())
                .flatMap(secret -> secret.bytes(ref.keyOr(TalosSpec.DEFAULT_MACHINE_CONFIG_KEY)))
                .orElseThrow(() -> new IllegalStateException("machine config Secret " + ref.name() + " went away"));
    }

    /** The VM at {@code create}'s VMID carries this resource's marker: an earlier create of ours made it. */
    private boolean createdByUs(ProxmoxApi api, TalosNodeVM vm, VmAction.Create create) {
        try {
            return api.vmConfig(create.node(), create.vmid())
                    .description()
                    .map(d -> GuestMarker.ownership(d, owner(vm)) == GuestMarker.Ownership.OURS)
                    .orElse(false);
        } catch (ProxmoxApiException notThere) {
            return false;
        }
    }

    private Owner owner(TalosNodeVM vm) {
        return new Owner(
                config.operator().ownerId(),
                namespace(vm),
                vm.getMetadata().getName(),
                vm.getMetadata().getUid());
    }

    private static VmidRangeSpec vmidRange(Context<TalosNodeVM> context, TalosNodeVM vm) {
        ProxmoxCluster cluster =
                ClusterRefResolver.resolve(context, vm.getSpec().clusterRef()).cluster();
        return cluster == null || cluster.getSpec() == null
                ? null
                : cluster.getSpec().vmidRange();
    }

    /** Every TalosNodeVM of the same cluster: their recorded VMIDs are not free. */
    private static List<TalosNodeVM> sameCluster(TalosNodeVM vm, Context<TalosNodeVM> context) {
        String cluster = vm.getSpec().clusterRef().name();
        return context.getPrimaryCache()
                .list(other -> namespace(vm).equals(other.getMetadata().getNamespace())
                        && other.getSpec() != null
                        && other.getSpec().clusterRef() != null
                        && cluster.equals(other.getSpec().clusterRef().name()))
                .toList();
    }

    private String now() {
        return clock.instant().toString();
    }

    private static String namespace(TalosNodeVM vm) {
        return vm.getMetadata().getNamespace();
    }

    /** The machine config is only checked for presence here; its content is Talos' business and never logged. */
    private static Optional<ConditionState> machineConfigProblem(TalosNodeVM vm, Context<TalosNodeVM> context) {
        Optional<SecretKeyRef> ref = machineConfigRef(vm);
        if (ref.isEmpty()) {
            return Optional.empty();
        }
        String key = ref.get().keyOr(TalosSpec.DEFAULT_MACHINE_CONFIG_KEY);
        Optional<SecretContents> secret = SecretResolver.find(context, ref.get().name());
        if (secret.isEmpty()) {
            return Optional.of(ConditionState.isFalse(
                    ConditionTypes.READY,
                    ConditionReasons.SECRET_MISSING,
                    "machine config Secret " + ref.get().name() + " (talos.machineConfigSecretRef) not found in "
                            + "namespace " + vm.getMetadata().getNamespace()));
        }
        if (secret.get().bytes(key).filter(value -> value.length > 0).isEmpty()) {
            return Optional.of(ConditionState.isFalse(
                    ConditionTypes.READY,
                    ConditionReasons.SECRET_MISSING,
                    "machine config Secret " + ref.get().name() + " has no key " + key + " (or it is empty)"));
        }
        return Optional.empty();
    }

    private static Optional<String> clusterName(TalosNodeVM vm) {
        return Optional.ofNullable(vm.getSpec()).map(spec -> spec.clusterRef()).map(ref -> ref.name());
    }

    private static Optional<SecretKeyRef> machineConfigRef(TalosNodeVM vm) {
        if (vm.getSpec() == null || vm.getSpec().talos() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(vm.getSpec().talos().machineConfigSecretRef())
                .filter(ref -> ref.name() != null);
    }
}
