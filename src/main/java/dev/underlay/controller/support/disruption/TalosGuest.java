package dev.underlay.controller.support.disruption;

import dev.underlay.api.v1alpha1.talosnodevm.TalosNodeVM;
import dev.underlay.api.v1alpha1.talosnodevm.TalosNodeVMSpec;

import java.util.Optional;

/** A TalosNodeVM as maintenance sees it: which VM it is and which Kubernetes Node runs in it. */
public record TalosGuest(String name, Integer vmid, String kubernetesNodeName, boolean controlPlane) {

    public static TalosGuest of(TalosNodeVM vm) {
        TalosNodeVMSpec spec = vm.getSpec();
        Integer vmid =
                Optional.ofNullable(vm.getStatus()).map(s -> s.getVmid()).orElse(spec == null ? null : spec.vmid());
        String nodeName = spec == null || spec.talos() == null || spec.talos().kubernetesNodeName() == null
                ? vm.getMetadata().getName()
                : spec.talos().kubernetesNodeName();
        boolean controlPlane = spec != null && spec.role() == TalosNodeVMSpec.TalosRole.controlplane;
        return new TalosGuest(vm.getMetadata().getName(), vmid, nodeName, controlPlane);
    }
}
