package dev.underlay.controller.proxmoxcluster.ha;

import dev.underlay.api.v1alpha1.proxmoxcluster.HaGroupStatus;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.proxmox.ProxmoxApiException;
import dev.underlay.simulator.pve.journal.JournalEntry;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static dev.underlay.controller.proxmoxcluster.ha.HaSim.AI;
import static dev.underlay.controller.proxmoxcluster.ha.HaSim.N1;
import static dev.underlay.controller.proxmoxcluster.ha.HaSim.N2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The HA layout life cycle on PVE 8.4 (groups) and PVE 9.1 with migrated groups (rules), through the real REST
 * client into the simulator. On 9.1 each group has a TalosNodeVM member that HA manages, so that a rule can exist;
 * 8.4 ignores members. Writes are counted on the simulator's journal.
 */
class HaLayoutSyncTest {

    private static final String MARKER = HaSim.MARKER;

    private static final ProxmoxCluster HOMELAB = HaSim.cluster("""
            haGroups:
              - {name: production, nodes: [pve-ms01-01, pve-ms01-02, pve-aimax-01], comment: "Talos control plane"}
              - {name: ai-workloads, nodes: [pve-aimax-01], restricted: true}
              - {name: general, nodes: ["pve-ms01-01:2", "pve-ms01-02:1"]}
            """);

    private static HaSim homelab(String version) {
        HaSim f = version.startsWith("8")
                ? HaSim.pve8(HaSim.haGuest(101), HaSim.haGuest(102), HaSim.haGuest(103))
                : HaSim.pve9(HaSim.haGuest(101), HaSim.haGuest(102), HaSim.haGuest(103));
        f.member(101, "production");
        f.member(102, "ai-workloads");
        f.member(103, "general");
        return f;
    }

    private static Map<String, String> placement(HaSim f, String version, String name) {
        return version.startsWith("8") ? f.group(name) : f.rule(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "9.1"})
    void createsEveryDeclaredGroupMarkedAsOurs(String version) throws Exception {
        HaSim f = homelab(version);

        HaLayoutOutcome outcome = f.sync(HOMELAB);

        boolean groups = version.startsWith("8");
        assertThat(outcome.haMode()).isEqualTo(groups ? "Groups" : "Rules");
        assertThat(outcome.changed()).isTrue();
        assertThat(outcome.groups())
                .extracting(HaGroupStatus::name, HaGroupStatus::kind, HaGroupStatus::state)
                .containsExactly(
                        Tuple.tuple("production", groups ? "Group" : "Rule", "Created"),
                        Tuple.tuple("ai-workloads", groups ? "Group" : "Rule", "Created"),
                        Tuple.tuple("general", groups ? "Group" : "Rule", "Created"));
        Map<String, String> production = placement(f, version, "production");
        assertThat(production.get("nodes").split(",")).containsExactlyInAnyOrder(N1, N2, AI);
        assertThat(production.get("comment")).isEqualTo("Talos control plane " + MARKER);
        assertThat(placement(f, version, "ai-workloads").get(groups ? "restricted" : "strict"))
                .isEqualTo("1");
        assertThat(placement(f, version, "ai-workloads").get("comment")).isEqualTo(MARKER);
        assertThat(placement(f, version, "general").get("nodes").split(","))
                .containsExactlyInAnyOrder(N1 + ":2", N2 + ":1");
        if (!groups) {
            assertThat(f.rule("production"))
                    .containsEntry("type", "node-affinity")
                    .containsEntry("resources", "vm:101");
            assertThat(f.rule("general")).containsEntry("resources", "vm:103");
            assertThat(f.groupNames()).isEmpty();
        } else {
            assertThat(f.ruleNames()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "9.1"})
    void secondPassWithNothingChangedWritesNothing(String version) throws Exception {
        HaSim f = homelab(version);
        f.sync(HOMELAB);

        HaSim.Pass pass = f.pass(HOMELAB);
        List<JournalEntry> writes = pass.writes();
        HaLayoutOutcome again = pass.outcome();

        assertThat(writes).isEmpty();
        assertThat(again.changed()).isFalse();
        assertThat(again.groups()).extracting(HaGroupStatus::state).containsOnly("InSync");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "9.1"})
    void updatesNodesPrioritiesAndRestrictionInPlace(String version) throws Exception {
        HaSim f = homelab(version);
        f.sync(HOMELAB);
        ProxmoxCluster changed = HaSim.cluster("""
                haGroups:
                  - name: production
                    nodes: ["pve-ms01-01:2", "pve-ms01-02:1"]
                    restricted: true
                    comment: "Talos control plane"
                  - {name: ai-workloads, nodes: [pve-aimax-01], restricted: true}
                  - {name: general, nodes: ["pve-ms01-01:2", "pve-ms01-02:1"]}
                """);

        HaSim.Pass pass = f.pass(changed);
        List<JournalEntry> writes = pass.writes();
        HaLayoutOutcome outcome = pass.outcome();

        assertThat(writes).singleElement().satisfies(w -> {
            assertThat(w.method()).isEqualTo("PUT");
            assertThat(w.path()).endsWith("/production");
        });
        Map<String, String> production = placement(f, version, "production");
        assertThat(production.get("nodes").split(",")).containsExactlyInAnyOrder(N1 + ":2", N2 + ":1");
        assertThat(production.get(version.startsWith("8") ? "restricted" : "strict"))
                .isEqualTo("1");
        assertThat(production.get("comment")).isEqualTo("Talos control plane " + MARKER);
        assertThat(outcome.groups()).extracting(HaGroupStatus::state).containsExactly("Updated", "InSync", "InSync");
        assertThat(f.writesOf(changed)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "9.1"})
    void updateReportsWhatChanged(String version) throws Exception {
        HaSim f = homelab(version);
        f.sync(HOMELAB);

        HaLayoutOutcome outcome = f.sync(HaSim.cluster("""
                haGroups:
                  - name: production
                    nodes: ["pve-ms01-01:2", "pve-ms01-02:1"]
                    restricted: true
                    comment: "Talos control plane"
                """));

        HaGroupStatus production = outcome.groups().get(0);
        assertThat(production.state()).isEqualTo("Updated");
        assertThat(production.message())
                .contains("nodes pve-aimax-01,pve-ms01-01,pve-ms01-02 -> pve-ms01-01:2,pve-ms01-02:1")
                .contains(version.startsWith("8") ? "restricted false -> true" : "strict false -> true");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "9.1"})
    void deletesOwnedGroupsRemovedFromSpecAndNothingElse(String version) throws Exception {
        HaSim f = homelab(version);
        f.sync(HOMELAB);
        if (version.startsWith("8")) {
            f.foreignGroup("legacy", N1, "made by hand");
        } else {
            f.foreignRule("legacy", "vm:101", N1, "made by hand");
        }

        HaLayoutOutcome outcome = f.sync(HaSim.cluster("""
                haGroups:
                  - {name: production, nodes: [pve-ms01-01, pve-ms01-02, pve-aimax-01], comment: "Talos control plane"}
                """));

        assertThat(outcome.groups())
                .extracting(HaGroupStatus::name, HaGroupStatus::state)
                .containsExactly(
                        Tuple.tuple("production", "InSync"),
                        Tuple.tuple("ai-workloads", "Deleted"),
                        Tuple.tuple("general", "Deleted"));
        List<String> left = version.startsWith("8") ? f.groupNames() : f.ruleNames();
        assertThat(left).containsExactlyInAnyOrder("production", "legacy");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "9.1"})
    void aForeignGroupOfTheSameNameIsAConflictAndLeftAlone(String version) throws Exception {
        HaSim f = homelab(version);
        if (version.startsWith("8")) {
            f.foreignGroup("production", N1, "made by hand");
            f.foreignGroup("general", N2, "another operator underlay.dev/owner=" + HaSim.OTHER_UID);
        } else {
            f.foreignRule("production", "vm:101", N1, "made by hand");
            f.foreignRule("general", "vm:103", N2, "another operator underlay.dev/owner=" + HaSim.OTHER_UID);
        }
        Map<String, String> before = placement(f, version, "production");

        HaSim.Pass pass = f.pass(HOMELAB);
        List<JournalEntry> writes = pass.writes();
        HaLayoutOutcome outcome = pass.outcome();

        assertThat(writes)
                .noneMatch(w -> w.path().endsWith("/production") || w.path().endsWith("/general"));
        assertThat(placement(f, version, "production")).isEqualTo(before);
        HaGroupStatus production = outcome.groups().get(0);
        assertThat(production.state()).isEqualTo("Conflict");
        assertThat(production.message()).contains("not created by the operator").contains("adopt: true");
        HaGroupStatus general = outcome.groups().get(2);
        assertThat(general.state()).isEqualTo("Conflict");
        assertThat(general.message()).contains("another ProxmoxCluster").contains(HaSim.OTHER_UID);
        assertThat(outcome.groups().get(1).state()).isEqualTo("Created");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "9.1"})
    void adoptTakesOverAForeignGroupAndKeepsItsComment(String version) throws Exception {
        HaSim f = homelab(version);
        if (version.startsWith("8")) {
            f.foreignGroup("production", N1, "made by hand");
        } else {
            f.foreignRule("production", "vm:101", N1, "made by hand");
        }
        ProxmoxCluster adopting = HaSim.cluster("""
                haGroups:
                  - {name: production, nodes: [pve-ms01-01, pve-ms01-02], comment: "made by hand", adopt: true}
                """);

        HaLayoutOutcome outcome = f.sync(adopting);
        List<JournalEntry> secondPass = f.writesOf(adopting);

        assertThat(outcome.groups().get(0).state()).isEqualTo("Updated");
        assertThat(outcome.groups().get(0).message()).startsWith("adopted").contains("nodes pve-ms01-01 -> ");
        Map<String, String> production = placement(f, version, "production");
        assertThat(production.get("comment")).isEqualTo("made by hand " + MARKER);
        assertThat(production.get("nodes").split(",")).containsExactlyInAnyOrder(N1, N2);
        assertThat(secondPass).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "9.1"})
    void observeReportsDriftAndWritesNothing(String version) throws Exception {
        HaSim f = homelab(version);
        f.sync(HaSim.cluster("""
                haGroups:
                  - {name: general, nodes: [pve-ms01-01]}
                """));
        if (version.startsWith("8")) {
            f.foreignGroup("production", N1, "made by hand");
        } else {
            f.foreignRule("production", "vm:101", N1, "made by hand");
        }
        ProxmoxCluster observing = HaSim.cluster("""
                managementPolicy: Observe
                haGroups:
                  - {name: production, nodes: [pve-ms01-01, pve-ms01-02], comment: "made by hand"}
                  - {name: ai-workloads, nodes: [pve-aimax-01], restricted: true}
                """);

        HaSim.Pass pass = f.pass(observing);
        List<JournalEntry> writes = pass.writes();
        HaLayoutOutcome outcome = pass.outcome();

        assertThat(writes).isEmpty();
        assertThat(outcome.changed()).isFalse();
        assertThat(outcome.groups())
                .extracting(HaGroupStatus::name, HaGroupStatus::state)
                .containsExactly(
                        Tuple.tuple("production", "Drift"),
                        Tuple.tuple("ai-workloads", "Drift"),
                        Tuple.tuple("general", "Drift"));
        assertThat(outcome.groups().get(0).message())
                .isEqualTo("nodes pve-ms01-01 -> pve-ms01-01,pve-ms01-02; not created by the operator");
        assertThat(outcome.groups().get(1).message()).isEqualTo("missing on the cluster");
        assertThat(outcome.groups().get(2).message()).contains("no longer in spec.haGroups");
        assertThat(placement(f, version, "general")).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "9.1"})
    void observeOfAMatchingClusterIsInSync(String version) throws Exception {
        HaSim f = homelab(version);
        if (version.startsWith("8")) {
            f.foreignGroup("production", N1 + "," + N2, "made by hand");
        } else {
            f.foreignRule("production", "vm:101", N1 + "," + N2, "made by hand");
        }

        HaLayoutOutcome outcome = f.sync(HaSim.cluster("""
                managementPolicy: Observe
                haGroups:
                  - {name: production, nodes: [pve-ms01-02, pve-ms01-01], comment: "made by hand"}
                """));

        assertThat(outcome.groups()).singleElement().satisfies(g -> {
            assertThat(g.state()).isEqualTo("InSync");
            assertThat(g.message()).isEqualTo("not created by the operator");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "9.1"})
    void aRefusedWriteIsAnErrorForThatGroupOnlyAndIsNotRetriedInALoop(String version) throws Exception {
        HaSim f = homelab(version);
        ProxmoxCluster tooLong = HaSim.cluster("""
                haGroups:
                  - {name: production, nodes: [pve-ms01-01], comment: "%s"}
                  - {name: general, nodes: [pve-ms01-01]}
                """.formatted("x".repeat(4090)));

        HaLayoutOutcome outcome = f.sync(tooLong);
        List<JournalEntry> secondPass = f.writesOf(tooLong);

        HaGroupStatus production = outcome.groups().get(0);
        assertThat(production.state()).isEqualTo("Error");
        assertThat(production.message()).contains("400").contains("comment");
        assertThat(outcome.groups().get(1).state()).isEqualTo("Created");
        assertThat(placement(f, version, "general")).isNotNull();
        assertThat(secondPass)
                .singleElement()
                .satisfies(w -> assertThat(w.status()).isEqualTo(400));
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "9.1"})
    void aServerErrorIsThrownForTheCallersRetry(String version) throws Exception {
        HaSim f = homelab(version);
        f.sim.faults().failRequests("POST", "/cluster/ha/(groups|rules)", 1, 500, "unexpected server trouble");

        assertThatThrownBy(() -> f.sync(HOMELAB))
                .isInstanceOf(ProxmoxApiException.class)
                .satisfies(
                        e -> assertThat(((ProxmoxApiException) e).isRetryable()).isTrue());
        HaLayoutOutcome retried = f.sync(HOMELAB);
        assertThat(retried.groups()).extracting(HaGroupStatus::state).containsOnly("Created");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "9.1"})
    void withoutQuorumNothingIsWrittenAndStatusSaysWhy(String version) throws Exception {
        HaSim f = homelab(version);
        f.sync(HaSim.cluster("""
                haGroups:
                  - {name: general, nodes: [pve-ms01-01]}
                """));
        f.sim.faults().loseQuorum();

        HaSim.Pass pass = f.pass(HOMELAB);
        List<JournalEntry> writes = pass.writes();
        HaLayoutOutcome outcome = pass.outcome();

        assertThat(writes).isEmpty();
        assertThat(outcome.changed()).isFalse();
        assertThat(outcome.groups()).allSatisfy(g -> {
            assertThat(g.state()).isEqualTo("Pending");
            assertThat(g.message()).startsWith("waiting for quorum");
        });
        assertThat(outcome.groups().get(2).message())
                .contains("would be Updated")
                .contains("nodes pve-ms01-01 ->");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "9.1"})
    void userCommentsWithAMarkerLikeTokenCannotClaimOwnership(String version) throws Exception {
        HaSim f = homelab(version);
        ProxmoxCluster sneaky = HaSim.cluster("""
                haGroups:
                  - {name: production, nodes: [pve-ms01-01], comment: "hi underlay.dev/owner=%s"}
                """.formatted(HaSim.OTHER_UID));

        f.sync(sneaky);
        List<JournalEntry> secondPass = f.writesOf(sneaky);

        assertThat(placement(f, version, "production").get("comment")).isEqualTo("hi " + MARKER);
        assertThat(secondPass).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "9.1"})
    void aProxmoxClusterReCreatedWithANewUidStillOwnsItsGroups(String version) throws Exception {
        HaSim f = homelab(version);
        f.sync(HOMELAB);

        ProxmoxCluster restored = HaSim.restored(HOMELAB, HaSim.OTHER_UID);
        HaSim.Pass pass = f.pass(restored);

        assertThat(pass.outcome().groups()).extracting(HaGroupStatus::state).containsOnly("InSync");
        assertThat(pass.writes()).isEmpty();
        assertThat(placement(f, version, "production").get("comment")).isEqualTo("Talos control plane " + MARKER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "9.1"})
    void aSecondInstallationWithAnotherOwnerIdNeverTouchesThem(String version) throws Exception {
        HaSim f = homelab(version);
        f.sync(HOMELAB);
        Map<String, String> production = placement(f, version, "production");

        HaSim.Pass other = f.passAs("lab-b", HOMELAB);
        HaSim.Pass otherWithoutGroups = f.passAs("lab-b", HaSim.cluster("haGroups: []"));

        assertThat(other.outcome().groups()).extracting(HaGroupStatus::state).containsOnly("Conflict");
        assertThat(other.outcome().groups().get(0).message())
                .contains("belongs to another ProxmoxCluster or Underlay installation (" + MARKER + ")");
        assertThat(other.writes()).isEmpty();
        assertThat(otherWithoutGroups.writes())
                .as("nothing of its own to delete")
                .isEmpty();
        assertThat(placement(f, version, "production")).isEqualTo(production);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "9.1"})
    void aGroupMarkedByAnEarlierVersionWithTheUidIsOursAndGetsTodaysMarker(String version) throws Exception {
        HaSim f = homelab(version);
        String legacy = "Talos control plane underlay.dev/owner=" + HaSim.UID;
        if (version.startsWith("8")) {
            f.foreignGroup("production", N1 + "," + N2 + "," + AI, legacy);
        } else {
            f.foreignRule("production", "vm:101", N1 + "," + N2 + "," + AI, legacy);
        }

        HaLayoutOutcome outcome = f.sync(HOMELAB);

        assertThat(outcome.groups().get(0).state()).isEqualTo("Updated");
        assertThat(outcome.groups().get(0).message()).isEqualTo("ownership marker rewritten");
        assertThat(placement(f, version, "production").get("comment")).isEqualTo("Talos control plane " + MARKER);
        assertThat(f.pass(HaSim.restored(HOMELAB, "11111111-2222-4333-8444-555555555555"))
                        .writes())
                .as("from then on a restore with a new uid keeps it")
                .isEmpty();
    }
}
