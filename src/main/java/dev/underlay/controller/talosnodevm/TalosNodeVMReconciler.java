package dev.underlay.controller.talosnodevm;

import dev.underlay.api.v1alpha1.common.ConditionReasons;
import dev.underlay.api.v1alpha1.common.ConditionTypes;
import dev.underlay.api.v1alpha1.common.SecretKeyRef;
import dev.underlay.api.v1alpha1.talosnodevm.TalosNodeVM;
import dev.underlay.api.v1alpha1.talosnodevm.TalosNodeVMStatus;
import dev.underlay.api.v1alpha1.talosnodevm.TalosSpec;
import dev.underlay.config.UnderlayConfig;
import dev.underlay.controller.support.ClusterGate;
import dev.underlay.controller.support.ClusterRefResolver;
import dev.underlay.controller.support.ConditionState;
import dev.underlay.controller.support.NotImplementedYet;
import dev.underlay.controller.support.ReadyStatusWriter;
import dev.underlay.controller.support.ReconcileErrors;
import dev.underlay.controller.support.ReconcilePrelude;
import dev.underlay.controller.support.ReconcilePrelude.Prerequisite;
import dev.underlay.controller.support.SecretContents;
import dev.underlay.controller.support.SecretResolver;
import dev.underlay.observe.SnapshotEventSource;
import dev.underlay.observe.SnapshotStore;
import dev.underlay.observe.VmObservation;
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
import java.util.Set;

/**
 * TalosNodeVM: check the spec, resolve the machine-config Secret (a local reference, reported first), wait for the
 * ProxmoxCluster to be Ready, then (in this version) report that VM management is not implemented. Secrets and the
 * cluster are watched, so either appearing moves the VM on at once.
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
                        (vm, snapshot) -> vmid(vm).flatMap(vmid -> VmObservation.of(snapshot, vmid))));
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

        // the VM controller plugs in here: VmPlanner over spec, status and the snapshot's VM observation
        statusWriter.write(
                vm,
                context,
                TalosNodeVMStatus::new,
                List.of(NotImplementedYet.ready(
                        "TalosNodeVM", vm.getSpec().clusterRef().name())));
        return UpdateControl.<TalosNodeVM>noUpdate()
                .rescheduleAfter(config.resync().calm());
    }

    @Override
    public ErrorStatusUpdateControl<TalosNodeVM> updateErrorStatus(
            TalosNodeVM vm, Context<TalosNodeVM> context, Exception e) {
        return errors.handle(vm, context, e, TalosNodeVMStatus::new);
    }

    /**
     * No VM is created by this version, so deletion never waits. When VMs are managed, Retain strips the ownership tag
     * and Delete destroys the VM (purging its VMID from HA, backup and replication jobs) and keeps the finalizer until
     * the destroy task finished.
     */
    @Override
    public DeleteControl cleanup(TalosNodeVM vm, Context<TalosNodeVM> context) {
        Log.infof(
                "TalosNodeVM %s/%s deleted; no VM was created by this version (deletionPolicy %s)",
                vm.getMetadata().getNamespace(),
                vm.getMetadata().getName(),
                vm.getSpec() == null ? "unset" : vm.getSpec().deletionPolicy());
        return DeleteControl.defaultDelete();
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

    /** The VM's VMID: the one the spec fixes, else the one allocated and recorded in status. */
    private static Optional<Integer> vmid(TalosNodeVM vm) {
        if (vm.getSpec() != null && vm.getSpec().vmid() != null) {
            return Optional.of(vm.getSpec().vmid());
        }
        return Optional.ofNullable(vm.getStatus()).map(TalosNodeVMStatus::getVmid);
    }

    private static Optional<SecretKeyRef> machineConfigRef(TalosNodeVM vm) {
        if (vm.getSpec() == null || vm.getSpec().talos() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(vm.getSpec().talos().machineConfigSecretRef())
                .filter(ref -> ref.name() != null);
    }
}
