package dev.underlay.controller.talosnodevm;

import dev.underlay.api.v1alpha1.talosnodevm.TalosNodeVM;
import dev.underlay.testing.Fixtures;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TalosNodeVMSpecCheckTest {

    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    @Test
    void fixtureVmPasses() {
        assertThatCode(() -> TalosNodeVMSpecCheck.check(Fixtures.vm("ns", "vm", "homelab", "cfg")))
                .doesNotThrowAnyException();
    }

    @Test
    void everyBrokenRuleIsNamed() {
        TalosNodeVM vm = YAML.unmarshal("""
                apiVersion: underlay.dev/v1alpha1
                kind: TalosNodeVM
                metadata: {name: vm, namespace: ns}
                spec:
                  clusterRef: {name: homelab}
                  vmid: 42
                  node: pve-1
                  memoryMiB: 512
                  disks: [{slot: scsi0, storage: a, sizeGiB: 10}, {slot: scsi0, storage: b, sizeGiB: 10}]
                  boot: {}
                """, TalosNodeVM.class);

        assertThatThrownBy(() -> TalosNodeVMSpecCheck.check(vm))
                .hasMessageContaining("spec.role is required")
                .hasMessageContaining("spec.memoryMiB must be between 1024 and 4194304 (got 512)")
                .hasMessageContaining("spec.vmid must be between 100 and 999999999 (got 42)")
                .hasMessageContaining("spec.disks slots must be unique")
                .hasMessageContaining("spec.boot must set exactly one of iso, cloneFrom, importFrom (got 0)");
    }
}
