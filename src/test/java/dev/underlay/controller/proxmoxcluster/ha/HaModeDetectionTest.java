package dev.underlay.controller.proxmoxcluster.ha;

import dev.underlay.api.v1alpha1.proxmoxcluster.HaGroupStatus;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.proxmox.model.HaResource;
import dev.underlay.simulator.pve.journal.JournalEntry;
import dev.underlay.simulator.pve.model.HaState;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.underlay.controller.proxmoxcluster.ha.HaSim.AI;
import static dev.underlay.controller.proxmoxcluster.ha.HaSim.N2;
import static org.assertj.core.api.Assertions.assertThat;

/** Which API the sync uses, decided afresh on every call: PVE 9 before and after migration, mixed clusters. */
class HaModeDetectionTest {

    private static final ProxmoxCluster PRODUCTION = HaSim.cluster("""
            haGroups:
              - {name: production, nodes: [pve-ms01-01, pve-ms01-02], noFailback: true, comment: "control plane"}
            """);

    @Test
    void pve9WithGroupsNotYetMigratedKeepsUsingGroups() throws Exception {
        HaSim f = HaSim.pve9NotMigrated(HaSim.haGuest(101));

        HaSim.Pass pass = f.pass(PRODUCTION);

        assertThat(pass.outcome().haMode()).isEqualTo("Groups");
        assertThat(pass.outcome().groups())
                .extracting(HaGroupStatus::kind, HaGroupStatus::state)
                .containsExactly(Tuple.tuple("Group", "Created"));
        assertThat(f.group("production")).containsEntry("nofailback", "1");
        assertThat(f.sim.journal().entries())
                .extracting(JournalEntry::method, JournalEntry::path)
                .containsExactly(
                        Tuple.tuple("GET", "/cluster/ha/groups"),
                        Tuple.tuple("GET", "/nodes/pve-ms01-02/status"),
                        Tuple.tuple("GET", "/nodes/pve-aimax-01/status"),
                        Tuple.tuple("POST", "/cluster/ha/groups"));
        assertThat(pass.writes())
                .extracting(JournalEntry::method, JournalEntry::path)
                .containsExactly(Tuple.tuple("POST", "/cluster/ha/groups"));
    }

    @Test
    void aPve9EndpointInAMixedClusterIsUnknownAndWritesNothing() throws Exception {
        HaSim f = HaSim.pve9NotMigrated(HaSim.haGuest(101));
        f.sim.nodeVersion(AI, "8.4.2");

        HaSim.Pass pass = f.pass(PRODUCTION);

        assertThat(pass.writes()).isEmpty();
        assertThat(pass.outcome().haMode()).isEqualTo("Unknown");
        assertThat(pass.outcome().changed()).isFalse();
        assertThat(pass.outcome().groups()).singleElement().satisfies(g -> {
            assertThat(g.name()).isEqualTo("production");
            assertThat(g.kind()).isNull();
            assertThat(g.state()).isEqualTo("Pending");
            assertThat(g.message())
                    .contains("mixed PVE versions")
                    .contains("pve-aimax-01 runs 8.4.2")
                    .contains("pve-ms01-01 runs 9.1.3");
        });
    }

    @Test
    void aPve8EndpointChecksTheOtherNodesBeforeWriting() throws Exception {
        HaSim f = HaSim.pve8(HaSim.haGuest(101));
        f.sim.nodeVersion(N2, "9.1.3");

        HaSim.Pass pass = f.pass(PRODUCTION);

        assertThat(pass.writes()).isEmpty();
        assertThat(pass.outcome().haMode()).isEqualTo("Unknown");
        assertThat(pass.outcome().groups().get(0).message()).contains("pve-ms01-02 runs 9.1.3");
        f.sim.nodeVersion(N2, null);
        assertThat(f.sync(PRODUCTION).groups().get(0).state()).isEqualTo("Created");
    }

    @Test
    void aPve8ClusterInSyncCostsOneReadPerPass() throws Exception {
        HaSim f = HaSim.pve8(HaSim.haGuest(101));
        f.sync(PRODUCTION);
        var snapshot = f.snapshot();
        f.sim.journal().clear();

        f.sync.sync(PRODUCTION, f.api, snapshot);

        assertThat(f.sim.journal().entries())
                .extracting(JournalEntry::method, JournalEntry::path)
                .containsExactly(Tuple.tuple("GET", "/cluster/ha/groups"));
    }

    @Test
    void aMigratedPve9ClusterInSyncCostsThreeReadsPerPass() throws Exception {
        HaSim f = HaSim.pve9(HaSim.haGuest(101));
        f.member(101, "production");
        f.sync(PRODUCTION);
        var snapshot = f.snapshot();
        f.sim.journal().clear();

        f.sync.sync(PRODUCTION, f.api, snapshot);

        assertThat(f.sim.journal().entries())
                .extracting(JournalEntry::path, JournalEntry::status)
                .containsExactly(
                        Tuple.tuple("/cluster/ha/groups", 500),
                        Tuple.tuple("/cluster/ha/rules", 200),
                        Tuple.tuple("/cluster/ha/resources", 200));
    }

    @Test
    void afterTheUpgradeTheMigratedRuleIsStillOursAndNoSecondRuleAppears() throws Exception {
        HaSim f = HaSim.pve9NotMigrated(HaSim.haGuest(101));
        f.sync(PRODUCTION);
        // what the TalosNodeVM side does on a groups cluster: the HA resource names its group
        f.api.updateHaResource(
                new HaResource("vm:101", null, null, "production", null, null, null, null, null), List.of());
        f.sim.haMode(HaState.Mode.RULES);
        f.member(101, "production");

        HaSim.Pass pass = f.pass(PRODUCTION);

        assertThat(f.ruleNames()).containsExactly("ha-group-production");
        assertThat(f.rule("ha-group-production"))
                .containsEntry("resources", "vm:101")
                .containsEntry("comment", "control plane " + HaSim.MARKER);
        assertThat(f.resource("vm:101")).containsEntry("failback", "0");
        assertThat(pass.writes()).isEmpty();
        assertThat(pass.outcome().haMode()).isEqualTo("Rules");
        assertThat(pass.outcome().groups()).singleElement().satisfies(g -> {
            assertThat(g.name()).isEqualTo("production");
            assertThat(g.state()).isEqualTo("InSync");
            assertThat(g.message()).contains("ha-group-production");
        });
    }

    @Test
    void aMigratedRuleIsDeletedWhenItsEntryIsRemoved() throws Exception {
        HaSim f = HaSim.pve9NotMigrated(HaSim.haGuest(101));
        f.sync(PRODUCTION);
        f.api.updateHaResource(
                new HaResource("vm:101", null, null, "production", null, null, null, null, null), List.of());
        f.sim.haMode(HaState.Mode.RULES);

        HaLayoutOutcome outcome = f.sync(HaSim.cluster("haGroups: []"));

        assertThat(outcome.groups())
                .extracting(HaGroupStatus::name, HaGroupStatus::state)
                .containsExactly(Tuple.tuple("ha-group-production", "Deleted"));
        assertThat(f.ruleNames()).isEmpty();
    }
}
