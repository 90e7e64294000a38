package dev.underlay.controller.proxmoxcluster.ha;

import dev.underlay.api.v1alpha1.proxmoxcluster.HaGroupStatus;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.proxmox.model.HaResource;
import dev.underlay.proxmox.model.HaRule;
import dev.underlay.simulator.pve.VmSeed;
import dev.underlay.simulator.pve.journal.JournalEntry;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.underlay.controller.proxmoxcluster.ha.HaSim.N1;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * PVE 9 rules name their resources: which TalosNodeVMs end up in a rule, what happens before any is HA-managed,
 * guests moving between rules, guests a person added by hand, and noFailback as failback on the resources.
 */
class HaRuleMembershipTest {

    private static final ProxmoxCluster PRODUCTION = HaSim.cluster("""
            haGroups:
              - {name: production, nodes: [pve-ms01-01, pve-ms01-02]}
            """);

    @Test
    void aRuleWithoutHaResourcesIsPendingUntilTheFirstMemberIsHaManaged() throws Exception {
        HaSim f = HaSim.pve9(VmSeed.of(104, N1).name("talos-cp-04"));

        HaSim.Pass nobody = f.pass(PRODUCTION);
        f.member(104, "production");
        HaSim.Pass notManaged = f.pass(PRODUCTION);
        f.api.createHaResource(HaResource.vm(104, "started"));
        HaSim.Pass managed = f.pass(PRODUCTION);

        assertThat(nobody.writes()).isEmpty();
        assertThat(nobody.outcome().groups()).singleElement().satisfies(g -> {
            assertThat(g.state()).isEqualTo("Pending");
            assertThat(g.message()).startsWith("no HA resources in this group yet");
        });
        assertThat(notManaged.writes()).isEmpty();
        assertThat(notManaged.outcome().groups().get(0).message()).contains("waiting for vm:104");
        assertThat(managed.outcome().groups().get(0).state()).isEqualTo("Created");
        assertThat(f.rule("production")).containsEntry("resources", "vm:104");
    }

    @Test
    void membersNotYetManagedAreLeftOutAndNamedInTheMessage() throws Exception {
        HaSim f = HaSim.pve9(HaSim.haGuest(101), VmSeed.of(105, N1).name("talos-w-05"));
        f.member(101, "production");
        f.member(105, "production");

        HaGroupStatus status = f.sync(PRODUCTION).groups().get(0);

        assertThat(status.state()).isEqualTo("Created");
        assertThat(status.message()).isEqualTo("waiting for vm:105 to become HA-managed");
        assertThat(f.rule("production")).containsEntry("resources", "vm:101");
    }

    @Test
    void membersWithHaDisabledOrAnotherGroupAreNotNamed() throws Exception {
        HaSim f = HaSim.pve9(HaSim.haGuest(101), HaSim.haGuest(102), HaSim.haGuest(103));
        f.member(101, "production");
        f.members.add(new HaMember(102, false, "production", "infra/talos-102"));
        f.member(103, "general");

        f.sync(PRODUCTION);

        assertThat(f.rule("production")).containsEntry("resources", "vm:101");
    }

    @Test
    void anOwnedRuleThatLosesItsLastMemberIsRemovedUntilOneComesBack() throws Exception {
        HaSim f = HaSim.pve9(HaSim.haGuest(101));
        f.member(101, "production");
        f.sync(PRODUCTION);
        f.members.set(0, new HaMember(101, true, null, "infra/talos-101"));

        HaGroupStatus gone = f.sync(PRODUCTION).groups().get(0);
        boolean ruleWhileEmpty = f.rule("production") != null;
        f.members.set(0, new HaMember(101, true, "production", "infra/talos-101"));
        HaGroupStatus back = f.sync(PRODUCTION).groups().get(0);

        assertThat(gone.state()).isEqualTo("Pending");
        assertThat(gone.message()).contains("no HA resources in this group any more");
        assertThat(ruleWhileEmpty).isFalse();
        assertThat(back.state()).isEqualTo("Created");
        assertThat(f.rule("production")).containsEntry("resources", "vm:101");
    }

    @Test
    void aGuestMovingBetweenRulesLeavesTheOldRuleBeforeJoiningTheNew() throws Exception {
        HaSim f = HaSim.pve9(HaSim.haGuest(101), HaSim.haGuest(102), HaSim.haGuest(103));
        // general comes first in the spec: without ordering, vm:102 would be in both rules for a moment
        ProxmoxCluster two = HaSim.cluster("""
                haGroups:
                  - {name: general, nodes: ["pve-ms01-01:2", "pve-ms01-02:1"]}
                  - {name: production, nodes: [pve-ms01-01, pve-ms01-02]}
                """);
        f.member(101, "production");
        f.member(102, "production");
        f.member(103, "general");
        f.sync(two);
        f.members.set(1, new HaMember(102, true, "general", "infra/talos-102"));

        HaSim.Pass pass = f.pass(two);

        assertThat(pass.writes())
                .extracting(JournalEntry::method, JournalEntry::path)
                .containsExactly(
                        Tuple.tuple("PUT", "/cluster/ha/rules/production"),
                        Tuple.tuple("PUT", "/cluster/ha/rules/general"));
        assertThat(f.rule("production")).containsEntry("resources", "vm:101");
        assertThat(f.rule("general")).containsEntry("resources", "vm:102,vm:103");
        assertThat(pass.outcome().groups())
                .extracting(HaGroupStatus::message)
                .containsExactly("resources vm:103 -> vm:102,vm:103", "resources vm:101,vm:102 -> vm:101");
    }

    @Test
    void guestsAPersonPutIntoAnOwnedRuleAreKept() throws Exception {
        HaSim f = HaSim.pve9(HaSim.haGuest(101), HaSim.haGuest(150));
        f.member(101, "production");
        f.sync(PRODUCTION);
        HaRule owned = f.api.haRule("production");
        f.api.updateHaRule(
                new HaRule(
                        owned.rule(),
                        owned.type(),
                        List.of("vm:101", "vm:150"),
                        owned.nodes(),
                        owned.strict(),
                        null,
                        null,
                        owned.comment(),
                        null,
                        null),
                List.of());

        HaSim.Pass pass = f.pass(PRODUCTION);

        assertThat(pass.writes()).isEmpty();
        assertThat(pass.outcome().groups().get(0).state()).isEqualTo("InSync");
        assertThat(f.rule("production")).containsEntry("resources", "vm:101,vm:150");
    }

    @Test
    void noFailbackBecomesFailbackZeroOnEveryMemberAndBackAgain() throws Exception {
        HaSim f = HaSim.pve9(HaSim.haGuest(101), HaSim.haGuest(102));
        f.member(101, "general");
        f.member(102, "general");
        ProxmoxCluster noFailback = HaSim.cluster("""
                haGroups:
                  - {name: general, nodes: ["pve-ms01-01:2", "pve-ms01-02:1"], noFailback: true}
                """);

        HaSim.Pass created = f.pass(noFailback);
        HaSim.Pass again = f.pass(noFailback);
        HaSim.Pass failbackOn = f.pass(HaSim.cluster("""
                haGroups:
                  - {name: general, nodes: ["pve-ms01-01:2", "pve-ms01-02:1"], noFailback: false}
                """));

        assertThat(created.writes())
                .extracting(JournalEntry::method, JournalEntry::path)
                .containsExactly(
                        Tuple.tuple("POST", "/cluster/ha/rules"),
                        Tuple.tuple("PUT", "/cluster/ha/resources/vm:101"),
                        Tuple.tuple("PUT", "/cluster/ha/resources/vm:102"));
        assertThat(again.writes()).isEmpty();
        assertThat(failbackOn.outcome().groups().get(0).state()).isEqualTo("Updated");
        assertThat(failbackOn.outcome().groups().get(0).message())
                .isEqualTo("vm:101 failback false -> true; vm:102 failback false -> true");
        assertThat(f.resource("vm:101")).containsEntry("failback", "1");
        assertThat(f.resource("vm:102")).containsEntry("failback", "1");
        assertThat(f.rule("general")).doesNotContainKey("nofailback");
    }

    @Test
    void observeReportsAFailbackDifferenceWithoutWriting() throws Exception {
        HaSim f = HaSim.pve9(HaSim.haGuest(101));
        f.member(101, "general");
        f.sync(HaSim.cluster("""
                haGroups:
                  - {name: general, nodes: [pve-ms01-01]}
                """));

        HaSim.Pass pass = f.pass(HaSim.cluster("""
                managementPolicy: Observe
                haGroups:
                  - {name: general, nodes: [pve-ms01-01], noFailback: true}
                """));

        assertThat(pass.writes()).isEmpty();
        assertThat(pass.outcome().groups().get(0).state()).isEqualTo("Drift");
        assertThat(pass.outcome().groups().get(0).message()).isEqualTo("vm:101 failback true -> false");
    }
}
