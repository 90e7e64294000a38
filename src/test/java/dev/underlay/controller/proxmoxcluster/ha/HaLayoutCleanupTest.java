package dev.underlay.controller.proxmoxcluster.ha;

import dev.underlay.api.v1alpha1.proxmoxcluster.HaGroupStatus;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.observe.ClusterSnapshot;
import dev.underlay.proxmox.model.HaResource;
import dev.underlay.simulator.pve.journal.JournalEntry;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static dev.underlay.controller.proxmoxcluster.ha.HaSim.N1;
import static org.assertj.core.api.Assertions.assertThat;

/** What happens to owned groups/rules when the ProxmoxCluster goes away, and when a group cannot be deleted. */
class HaLayoutCleanupTest {

    private static final String DECLARED = """
            haGroups:
              - {name: production, nodes: [pve-ms01-01, pve-ms01-02], comment: "control plane"}
              - {name: general, nodes: [pve-ms01-01]}
            """;

    private static HaSim withOwnedAndForeign(String version) throws Exception {
        HaSim f = version.startsWith("8")
                ? HaSim.pve8(HaSim.haGuest(101), HaSim.haGuest(102))
                : HaSim.pve9(HaSim.haGuest(101), HaSim.haGuest(102));
        f.member(101, "production");
        f.member(102, "general");
        f.sync(HaSim.cluster(DECLARED));
        if (version.startsWith("8")) {
            f.foreignGroup("legacy", N1, "made by hand");
        } else {
            f.foreignRule("legacy", "vm:101", N1, "made by hand");
        }
        return f;
    }

    private static Map<String, String> placement(HaSim f, String version, String name) {
        return version.startsWith("8") ? f.group(name) : f.rule(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "9.1"})
    void deletionPolicyDeleteRemovesOwnedObjectsOnly(String version) throws Exception {
        HaSim f = withOwnedAndForeign(version);

        HaCleanupResult result =
                f.sync.removeOwned(HaSim.cluster("deletionPolicy: Delete\n" + DECLARED), f.api, f.snapshot());

        assertThat(result.isComplete()).isTrue();
        assertThat(result.deleted()).containsExactlyInAnyOrder("production", "general");
        assertThat(result.released()).isEmpty();
        assertThat(version.startsWith("8") ? f.groupNames() : f.ruleNames()).containsExactly("legacy");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "9.1"})
    void retainLeavesOwnedObjectsWithTheMarkerRemoved(String version) throws Exception {
        HaSim f = withOwnedAndForeign(version);
        ProxmoxCluster retaining = HaSim.cluster(DECLARED);

        HaCleanupResult result = f.sync.removeOwned(retaining, f.api, f.snapshot());

        assertThat(result.isComplete()).isTrue();
        assertThat(result.released()).containsExactlyInAnyOrder("production", "general");
        assertThat(placement(f, version, "production")).containsEntry("comment", "control plane");
        assertThat(placement(f, version, "general")).doesNotContainKey("comment");
        assertThat(placement(f, version, "legacy")).containsEntry("comment", "made by hand");
        assertThat(f.sync(retaining).groups()).extracting(HaGroupStatus::state).containsOnly("Conflict");
    }

    @Test
    void cleanupJudgesVersionAndQuorumByTheSnapshotItIsGiven() throws Exception {
        HaSim f = withOwnedAndForeign("9.1");
        ClusterSnapshot snapshot = f.snapshot();
        f.sim.journal().clear();

        HaCleanupResult result =
                f.sync.removeOwned(HaSim.cluster("deletionPolicy: Delete\n" + DECLARED), f.api, snapshot);

        assertThat(result.isComplete()).isTrue();
        assertThat(f.sim.journal().entries())
                .extracting(JournalEntry::path)
                .doesNotContain("/version", "/cluster/status")
                .isNotEmpty();
    }

    @Test
    void observeCleansUpNothing() throws Exception {
        HaSim f = withOwnedAndForeign("9.1");
        ClusterSnapshot snapshot = f.snapshot();
        f.sim.journal().clear();

        HaCleanupResult result = f.sync.removeOwned(
                HaSim.cluster("managementPolicy: Observe\ndeletionPolicy: Delete\n" + DECLARED), f.api, snapshot);

        assertThat(result.deleted()).isEmpty();
        assertThat(f.sim.journal().entries()).isEmpty();
        assertThat(f.ruleNames()).contains("production", "general");
    }

    @Test
    void cleanupWithoutQuorumReportsWhyAndWritesNothing() throws Exception {
        HaSim f = withOwnedAndForeign("8.4");
        f.sim.faults().loseQuorum();
        ClusterSnapshot snapshot = f.snapshot();
        f.sim.journal().clear();

        HaCleanupResult result =
                f.sync.removeOwned(HaSim.cluster("deletionPolicy: Delete\n" + DECLARED), f.api, snapshot);

        assertThat(result.isComplete()).isFalse();
        assertThat(result.problems()).containsExactly("waiting for quorum");
        assertThat(f.sim.journal().matching(JournalEntry::mutating)).isEmpty();
    }

    @Test
    void aGroupStillNamedByHaResourcesIsPendingNotAnError() throws Exception {
        HaSim f = withOwnedAndForeign("8.4");
        f.api.updateHaResource(
                new HaResource("vm:102", null, null, "general", null, null, null, null, null), List.of());

        HaSim.Pass pass = f.pass(HaSim.cluster("""
                haGroups:
                  - {name: production, nodes: [pve-ms01-01, pve-ms01-02], comment: "control plane"}
                """));

        assertThat(pass.writes()).isEmpty();
        assertThat(pass.outcome().groups())
                .extracting(HaGroupStatus::name, HaGroupStatus::state)
                .containsExactly(Tuple.tuple("production", "InSync"), Tuple.tuple("general", "Pending"));
        assertThat(pass.outcome().groups().get(1).message()).contains("still used by HA resources vm:102");
        assertThat(f.group("general")).isNotNull();
    }
}
