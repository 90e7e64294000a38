package dev.underlay.controller.talosnodevm;

import dev.underlay.api.v1alpha1.talosnodevm.TalosNodeVM;
import dev.underlay.api.v1alpha1.talosnodevm.TalosNodeVMStatus;

import java.util.Map;
import java.util.Optional;

/**
 * Where a TalosNodeVM keeps the identity of its VM: spec.vmid when set, else annotations written before the VM is
 * created, mirrored in status. The annotations are the durable record: they survive a status lost to a restore
 * (Velero keeps metadata; status is rebuilt) and are written with an optimistic lock, so two operator replicas can
 * never record two identities for one resource.
 */
final class VmIdentity {

    static final String VMID_ANNOTATION = "underlay.dev/vmid";
    static final String SMBIOS_UUID_ANNOTATION = "underlay.dev/smbios-uuid";

    private VmIdentity() {}

    static Integer vmid(TalosNodeVM vm) {
        if (vm.getSpec() != null && vm.getSpec().vmid() != null) {
            return vm.getSpec().vmid();
        }
        Optional<Integer> annotated = annotation(vm, VMID_ANNOTATION).flatMap(VmIdentity::parseVmid);
        return annotated.orElseGet(() -> Optional.ofNullable(vm.getStatus())
                .map(TalosNodeVMStatus::getVmid)
                .orElse(null));
    }

    static String smbiosUuid(TalosNodeVM vm) {
        return annotation(vm, SMBIOS_UUID_ANNOTATION)
                .orElseGet(() -> Optional.ofNullable(vm.getStatus())
                        .map(TalosNodeVMStatus::getSmbiosUuid)
                        .orElse(null));
    }

    /** The Kubernetes node name, which is also the VM name and the Talos hostname. */
    static String vmName(TalosNodeVM vm) {
        String name = vm.getSpec().talos() == null ? null : vm.getSpec().talos().kubernetesNodeName();
        return name == null || name.isBlank() ? vm.getMetadata().getName() : name;
    }

    private static Optional<String> annotation(TalosNodeVM vm, String key) {
        Map<String, String> annotations = vm.getMetadata().getAnnotations();
        return Optional.ofNullable(annotations == null ? null : annotations.get(key))
                .filter(value -> !value.isBlank());
    }

    private static Optional<Integer> parseVmid(String text) {
        try {
            return Optional.of(Integer.parseInt(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
