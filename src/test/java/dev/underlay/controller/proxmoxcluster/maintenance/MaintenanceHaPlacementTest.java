package dev.underlay.controller.proxmoxcluster.maintenance;

import dev.underlay.proxmox.model.HaGroup;
import dev.underlay.proxmox.model.HaResource;
import dev.underlay.proxmox.model.HaRule;
import dev.underlay.proxmox.model.NodePriority;
import dev.underlay.simulator.pve.VmSeed;
import dev.underlay.simulator.pve.journal.JournalEntry;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.underlay.api.v1alpha1.proxmoxcluster.NodeStatus.MaintenanceState.InMaintenance;
import static dev.underlay.api.v1alpha1.proxmoxcluster.NodeStatus.MaintenanceState.None;
import static dev.underlay.controller.proxmoxcluster.maintenance.NodeMaintenanceSyncTest.entry;
import static dev.underlay.simulator.pve.PveSimulatorBuilder.AIMAX_01;
import static dev.underlay.simulator.pve.PveSimulatorBuilder.MS01_01;
import static dev.underlay.simulator.pve.PveSimulatorBuilder.MS01_02;
import static dev.underlay.simulator.pve.PveVersion.PVE_8_4;
import static dev.underlay.simulator.pve.PveVersion.PVE_9_1;
import static org.assertj.core.api.Assertions.assertThat;

/** HA guests leave a node in maintenance only for nodes their HA group or node-affinity rule accepts. */
class MaintenanceHaPlacementTest {

    @Test
    void theSeedsRestrictedAiWorkloadsGroupKeepsItsGuestOnTheAiNodeSoThatNodeIsRefusedUpFront() throws Exception {
        try (MaintenanceRig rig = MaintenanceRig.seed(
                PVE_8_4,
                b -> b.vm(VmSeed.of(120, AIMAX_01)
                        .name("llm-01")
                        .memoryMiB(32768)
                        .disk("scsi0", "vm-disks", 64)
                        .running()
                        .ha("started")))) {
            rig.api.createHaGroup(
                    new HaGroup("ai-workloads", NodePriority.parseList(AIMAX_01), true, null, null, null));
            rig.api.updateHaResource(
                    new HaResource("vm:120", null, null, "ai-workloads", null, null, null, null, null), List.of());
            int before = rig.mutations().size();
            rig.maintenance(entry(AIMAX_01, "GPU driver update", true));

            MaintenanceOutcome refused = rig.step();

            assertThat(refused.of(AIMAX_01).state()).isEqualTo(None);
            assertThat(refused.of(AIMAX_01).message())
                    .isEqualTo("Blocked: VM 120 may run only where its HA group "
                            + "ai-workloads, restricted: pve-aimax-01 allows, and none of those nodes but pve-aimax-01 can "
                            + "take it");
            assertThat(rig.mutations())
                    .as("nothing touched: no noout, no cordon, no migration")
                    .hasSize(before);
            assertThat(rig.cordoned("talos-k8s-03")).isFalse();
            assertThat(refused.cephNoOutSetByOperator()).isFalse();
        }
    }

    @Test
    void anHaGuestGoesWhereItsRuleRanksHighestNotWhereTheMostMemoryIs() throws Exception {
        try (MaintenanceRig rig = MaintenanceRig.seed(PVE_9_1, MaintenanceRig::extraGuests)) {
            rig.api.createHaRule(HaRule.nodeAffinity(
                    "databases", List.of("vm:105"), NodePriority.parseList(MS01_02 + ":2," + MS01_01 + ":1"), false));
            rig.maintenance(entry(MS01_02, "BIOS update", false));

            rig.stepUntil(o -> o.of(MS01_02).state() == InMaintenance, 40);

            // by memory alone VM 105 would go to pve-aimax-01 (128 GiB); the rule ranks pve-ms01-01 next after the
            // node in maintenance, where the CRM would move it on to anyway
            List<JournalEntry> haMigrations = rig.sim.journal().entries().stream()
                    .filter(e -> e.method().equals("POST") && e.path().equals("/cluster/ha/resources/vm:105/migrate"))
                    .toList();
            assertThat(haMigrations)
                    .singleElement()
                    .extracting(e -> e.params().get("node"))
                    .isEqualTo(List.of(MS01_01));
            assertThat(rig.placement()).containsEntry(105, MS01_01);
        }
    }

    @Test
    void withoutHaGuestsOnTheNodeNoHaLayoutIsRead() throws Exception {
        try (MaintenanceRig rig = MaintenanceRig.seed(PVE_9_1, b -> {})) {
            rig.maintenance(entry(MS01_02, "BIOS update", false));

            rig.stepUntil(o -> o.of(MS01_02).state() == InMaintenance, 40);

            assertThat(rig.sim.journal().entries())
                    .extracting(JournalEntry::path)
                    .noneMatch(path -> path.startsWith("/cluster/ha/groups")
                            || path.startsWith("/cluster/ha/rules")
                            || path.equals("/cluster/ha/resources"));
        }
    }
}
