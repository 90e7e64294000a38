package dev.underlay.api;

import dev.underlay.api.schema.CrdCatalog;
import dev.underlay.api.schema.ExampleManifests;
import dev.underlay.api.v1alpha1.backuppolicy.BackupPolicy;
import dev.underlay.api.v1alpha1.backuppolicy.BackupPolicySpec;
import dev.underlay.api.v1alpha1.cephpool.CephPool;
import dev.underlay.api.v1alpha1.proxmoxcluster.HaGroupSpec;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.api.v1alpha1.talosnodevm.NetworkSpec;
import dev.underlay.api.v1alpha1.talosnodevm.TalosNodeVM;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** deploy/examples expresses the reference homelab of shared/seed/proxmox-cluster.md. */
class HomelabExamplesTest {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private static <T> List<T> examples(Class<T> type) {
        return ExampleManifests.customResources(CrdCatalog.deployed()).stream()
                .filter(m -> m.kind().equals(type.getSimpleName()))
                .map(m -> SERIALIZATION.convertValue(m.object(), type))
                .toList();
    }

    @Test
    void theClusterHasThreeNodesThreeEndpointsAndTheSeedsHaGroups() {
        List<ProxmoxCluster> clusters = examples(ProxmoxCluster.class);
        assertThat(clusters).hasSize(1);
        var spec = clusters.get(0).getSpec();
        assertThat(clusters.get(0).getMetadata().getName()).isEqualTo("homelab");
        assertThat(spec.endpoints())
                .containsExactly("https://10.8.16.10:8006", "https://10.8.16.11:8006", "https://10.8.16.12:8006");
        assertThat(spec.expectedNodes()).containsExactly("pve-ms01-01", "pve-ms01-02", "pve-aimax-01");
        assertThat(spec.credentialsSecretRef().name()).isEqualTo("pve-api-token");
        assertThat(spec.tls().caSecretRef().name()).isEqualTo("pve-ca");
        assertThat(spec.haGroups())
                .extracting(HaGroupSpec::name, HaGroupSpec::nodes, HaGroupSpec::isRestricted)
                .containsExactly(
                        tuple("production", List.of("pve-ms01-01", "pve-ms01-02", "pve-aimax-01"), false),
                        tuple("ai-workloads", List.of("pve-aimax-01"), true),
                        tuple("general", List.of("pve-ms01-01:2", "pve-ms01-02:1"), false));
    }

    @Test
    void theThreePoolsHaveTheSeedsReplicationAndPgCounts() {
        assertThat(examples(CephPool.class))
                .extracting(
                        p -> p.getMetadata().getName(),
                        p -> p.getSpec().size(),
                        p -> p.getSpec().minSize(),
                        p -> p.getSpec().pgNum())
                .containsExactlyInAnyOrder(
                        tuple("vm-disks", 3, 2, 128), tuple("vm-data", 3, 2, 256), tuple("backups", 2, 1, 64));
    }

    @Test
    void theThreeTalosVmsMatchTheSeedOnePerNode() {
        List<TalosNodeVM> vms = examples(TalosNodeVM.class).stream()
                .sorted(Comparator.comparing(v -> v.getSpec().vmid()))
                .toList();
        assertThat(vms)
                .extracting(
                        v -> v.getMetadata().getName(),
                        v -> v.getSpec().vmid(),
                        v -> v.getSpec().node())
                .containsExactly(
                        tuple("talos-k8s-01", 101, "pve-ms01-01"),
                        tuple("talos-k8s-02", 102, "pve-ms01-02"),
                        tuple("talos-k8s-03", 103, "pve-aimax-01"));
        assertThat(vms).allSatisfy(vm -> {
            var spec = vm.getSpec();
            assertThat(spec.cpu().cores() * spec.cpu().sockets()).isEqualTo(8);
            assertThat(spec.memoryMiB()).isEqualTo(16 * 1024);
            assertThat(spec.disks()).singleElement().satisfies(disk -> {
                assertThat(disk.sizeGiB()).isEqualTo(100);
                assertThat(disk.storage()).isEqualTo("vm-disks");
            });
            assertThat(spec.networks())
                    .extracting(NetworkSpec::vlan, NetworkSpec::model)
                    .containsExactly(tuple(16, NetworkSpec.NicModel.virtio), tuple(28, NetworkSpec.NicModel.virtio));
            assertThat(spec.role().name()).isEqualTo("controlplane");
            assertThat(spec.talos().machineConfigSecretRef().name())
                    .isEqualTo(vm.getMetadata().getName());
            assertThat(spec.ha().enabled()).isFalse();
        });
    }

    @Test
    void theThreeBackupSchedulesMatchTheSeed() {
        List<BackupPolicy> policies = examples(BackupPolicy.class);
        assertThat(policies)
                .extracting(
                        p -> p.getMetadata().getName(),
                        p -> p.getSpec().schedule(),
                        p -> p.getSpec().mode(),
                        p -> p.getSpec().storage())
                .containsExactlyInAnyOrder(
                        tuple("daily-production", "02:00", BackupPolicySpec.BackupMode.snapshot, "backups"),
                        tuple("weekly-all", "sun 03:00", BackupPolicySpec.BackupMode.stop, "nfs-external"),
                        tuple("monthly-critical", "*-*-01 04:00", BackupPolicySpec.BackupMode.snapshot, "offsite"));
        BackupPolicy daily = named(policies, "daily-production");
        BackupPolicy weekly = named(policies, "weekly-all");
        BackupPolicy monthly = named(policies, "monthly-critical");
        assertThat(daily.getSpec().retention().keepDaily()).isEqualTo(7);
        assertThat(daily.getSpec().selector().vmids()).containsExactly(101, 102, 103);
        assertThat(weekly.getSpec().retention().keepWeekly()).isEqualTo(4);
        assertThat(weekly.getSpec().selector().isAll()).isTrue();
        assertThat(monthly.getSpec().retention().keepMonthly()).isEqualTo(6);
        assertThat(monthly.getSpec().selector().talosNodeVMSelector().getMatchLabels())
                .containsEntry("criticality", "critical");
        assertThat(monthly.getSpec().restoreTest()).isNotNull();
        assertThat(examples(TalosNodeVM.class))
                .allSatisfy(vm -> assertThat(vm.getMetadata().getLabels()).containsEntry("criticality", "critical"));
    }

    private static BackupPolicy named(List<BackupPolicy> policies, String name) {
        return policies.stream()
                .filter(p -> p.getMetadata().getName().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
