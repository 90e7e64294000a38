package dev.underlay.controller.proxmoxcluster.ha;

import dev.underlay.api.v1alpha1.UnderlayApi;
import dev.underlay.api.v1alpha1.talosnodevm.TalosNodeVM;
import dev.underlay.api.v1alpha1.talosnodevm.TalosNodeVMStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Members come from the TalosNodeVMs of the cluster's namespace that reference it and have a VMID. */
@EnableKubernetesMockClient(crud = true)
class TalosNodeVmHaMembersTest {

    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    KubernetesClient client;

    private void vm(String namespace, String name, String cluster, String vmidLine, String ha) {
        TalosNodeVM vm = YAML.unmarshal(
                """
                apiVersion: %s
                kind: TalosNodeVM
                metadata: {name: %s, namespace: %s}
                spec:
                  clusterRef: {name: %s}
                  %s
                  node: pve-ms01-01
                  role: controlplane
                  memoryMiB: 16384
                  disks: [{slot: scsi0, storage: vm-disks, sizeGiB: 100}]
                  networks: [{slot: net0, bridge: vmbr0, vlan: 16}]
                  boot: {iso: "local:iso/talos.iso"}
                  talos: {machineConfigSecretRef: {name: mc}}
                  ha: %s
                """.formatted(UnderlayApi.API_VERSION, name, namespace, cluster, vmidLine, ha), TalosNodeVM.class);
        client.resource(vm).create();
    }

    @Test
    void readsVmidGroupAndHaFlagOfTheClustersTalosNodeVms() {
        vm("infra", "cp-01", "homelab", "vmid: 101", "{enabled: true, group: production}");
        vm("infra", "cp-02", "homelab", "vmid: 102", "{enabled: false, group: production}");
        vm("infra", "w-01", "homelab", "vmid: 110", "{enabled: true}");
        vm("infra", "other-cluster", "lab", "vmid: 201", "{enabled: true, group: production}");
        vm("infra", "no-vmid-yet", "homelab", "", "{enabled: true, group: production}");
        vm("elsewhere", "cp-01", "homelab", "vmid: 301", "{enabled: true, group: production}");
        TalosNodeVM allocated = client.resources(TalosNodeVM.class)
                .inNamespace("infra")
                .withName("no-vmid-yet")
                .get();
        allocated.setStatus(new TalosNodeVMStatus());
        allocated.getStatus().setVmid(105);
        client.resource(allocated).updateStatus();

        var members = new TalosNodeVmHaMembers(client).of(HaSim.cluster("haGroups: []"));

        assertThat(members)
                .containsExactlyInAnyOrder(
                        new HaMember(101, true, "production", "infra/cp-01"),
                        new HaMember(102, false, "production", "infra/cp-02"),
                        new HaMember(110, true, null, "infra/w-01"),
                        new HaMember(105, true, "production", "infra/no-vmid-yet"));
        assertThat(members.stream().filter(m -> m.wants("production")).map(HaMember::sid))
                .containsExactlyInAnyOrder("vm:101", "vm:105");
    }
}
