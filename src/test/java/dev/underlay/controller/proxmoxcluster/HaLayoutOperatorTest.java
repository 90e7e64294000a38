package dev.underlay.controller.proxmoxcluster;

import dev.underlay.api.v1alpha1.common.ConditionReasons;
import dev.underlay.api.v1alpha1.proxmoxcluster.HaGroupStatus;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxClusterStatus;
import dev.underlay.connection.SimulatorRegistry;
import dev.underlay.proxmox.ProxmoxApi;
import dev.underlay.proxmox.model.HaGroup;
import dev.underlay.proxmox.model.HaResource;
import dev.underlay.proxmox.model.HaRule;
import dev.underlay.proxmox.model.NodePriority;
import dev.underlay.simulator.pve.PveSimulator;
import dev.underlay.simulator.pve.PveVersion;
import dev.underlay.simulator.pve.SimulatedProxmoxApi;
import dev.underlay.simulator.pve.VmSeed;
import dev.underlay.simulator.pve.journal.JournalEntry;
import dev.underlay.testing.Awaits;
import dev.underlay.testing.DeployedCrds;
import dev.underlay.testing.Fixtures;
import dev.underlay.testing.SeenStates;
import dev.underlay.testing.TalosNodes;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static dev.underlay.testing.Fixtures.readyReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * The seed's HA layout kept by the running operator with the real HA layout sync: HA groups on PVE 8.4, node-affinity
 * rules on PVE 9.1 with its groups migrated. Each test follows one ProxmoxCluster through creation, a calm resync,
 * a group or rule someone else made, an edit and a removal, and checks status against the simulator's state and its
 * journal of requests.
 */
@QuarkusTest
@WithKubernetesTestServer(setup = DeployedCrds.class)
@TestProfile(SimulatedClusters.class)
class HaLayoutOperatorTest {

    /** The seed's three HA groups (shared/seed/proxmox-cluster.md, "HA Groups and Policies"). */
    private static final String SEED_GROUPS = """
            - {name: production, nodes: [pve-ms01-01, pve-ms01-02, pve-aimax-01]}
            - {name: ai-workloads, nodes: [pve-aimax-01], restricted: true}
            - {name: general, nodes: ["pve-ms01-01:2", "pve-ms01-02:1"]}
            """;

    private static final String BY_HAND = "made by hand in the web UI";

    @Inject
    KubernetesClient client;

    @Inject
    SimulatorRegistry simulators;

    @Test
    void pve84KeepsTheSeedGroupsAndChangesOnlyItsOwn() throws Exception {
        String ns = Fixtures.namespace("ha-pve8");
        Awaits await = Awaits.in(client, ns);
        SimulatedCluster sim = SimulatedCluster.register(simulators, ns, PveSimulator.homelab(PveVersion.PVE_8_4));
        ProxmoxApi byHand = SimulatedProxmoxApi.create(sim.simulator);
        byHand.createHaGroup(
                new HaGroup("databases", NodePriority.parseList("pve-ms01-02"), null, null, BY_HAND, null));
        int start = sim.journalSize();
        client.resource(sim.tokenSecret("pve-token")).create();
        ProxmoxCluster cluster = client.resource(
                        sim.resource("homelab", "pve-token", "haGroups:\n" + SEED_GROUPS.indent(2)))
                .create();

        await.untilAsserted("three groups created, InSync after the follow-up pass", () -> {
            assertThat(readyReason(client, cluster)).isEqualTo(ConditionReasons.RECONCILED);
            assertThat(status(cluster).getHaMode()).isEqualTo("Groups");
            assertThat(status(cluster).getHaGroups())
                    .extracting(HaGroupStatus::name, HaGroupStatus::kind, HaGroupStatus::state)
                    .containsExactly(
                            tuple("production", "Group", "InSync"),
                            tuple("ai-workloads", "Group", "InSync"),
                            tuple("general", "Group", "InSync"));
        });
        String marker = "underlay.dev/owner=underlay/" + cluster.getMetadata().getNamespace() + "/"
                + cluster.getMetadata().getName();
        assertThat(nodes(group(sim, "production"))).containsExactly("pve-aimax-01", "pve-ms01-01", "pve-ms01-02");
        assertThat(group(sim, "ai-workloads")).containsEntry("restricted", "1").containsEntry("comment", marker);
        assertThat(nodes(group(sim, "general"))).containsExactly("pve-ms01-01:2", "pve-ms01-02:1");
        assertThat(writes(sim, start))
                .as("the three groups written, nothing else")
                .containsExactly("POST /cluster/ha/groups", "POST /cluster/ha/groups", "POST /cluster/ha/groups");

        int calm = sim.journalSize();
        awaitSnapshots(await, sim, calm, 2);
        assertThat(sim.journalSince(calm))
                .as("a calm resync writes nothing and does not re-read the groups")
                .noneMatch(JournalEntry::mutating)
                .noneMatch(e -> e.path().startsWith("/cluster/ha/groups"));

        editHaGroups(cluster, sim, SEED_GROUPS + "- {name: databases, nodes: [pve-ms01-02]}\n");
        await.untilAsserted("a group of the same name made by someone else is a Conflict", () -> {
            List<HaGroupStatus> groups = status(cluster).getHaGroups();
            assertThat(groups)
                    .extracting(HaGroupStatus::name, HaGroupStatus::state)
                    .containsExactly(
                            tuple("production", "InSync"),
                            tuple("ai-workloads", "InSync"),
                            tuple("general", "InSync"),
                            tuple("databases", "Conflict"));
            assertThat(groups.get(3).message())
                    .isEqualTo("the group 'databases' exists and was not created by "
                            + "the operator; set adopt: true to take it over");
        });
        assertThat(group(sim, "databases")).containsEntry("comment", BY_HAND).containsEntry("nodes", "pve-ms01-02");

        int edited = sim.journalSize();
        editHaGroups(cluster, sim, """
                - {name: production, nodes: [pve-ms01-01, pve-ms01-02, pve-aimax-01]}
                - {name: general, nodes: [pve-ms01-01, pve-ms01-02], noFailback: true}
                """);
        await.untilAsserted("general updated, ai-workloads deleted, the foreign databases group left alone", () -> {
            assertThat(status(cluster).getHaGroups())
                    .extracting(HaGroupStatus::name, HaGroupStatus::state)
                    .containsExactly(tuple("production", "InSync"), tuple("general", "InSync"));
            assertThat(group(sim, "ai-workloads")).isNull();
        });
        assertThat(nodes(group(sim, "general"))).containsExactly("pve-ms01-01", "pve-ms01-02");
        assertThat(group(sim, "general")).containsEntry("nofailback", "1").containsEntry("comment", marker);
        assertThat(group(sim, "databases")).containsEntry("comment", BY_HAND).containsEntry("nodes", "pve-ms01-02");
        assertThat(writes(sim, edited))
                .containsExactlyInAnyOrder("PUT /cluster/ha/groups/general", "DELETE /cluster/ha/groups/ai-workloads");
    }

    @Test
    void pve91KeepsTheSeedGroupsAsRulesOnceTheirMembersAreHaManaged() throws Exception {
        String ns = Fixtures.namespace("ha-pve9");
        Awaits await = Awaits.in(client, ns);
        SimulatedCluster sim = SimulatedCluster.register(
                simulators,
                ns,
                PveSimulator.builder()
                        .version(PveVersion.PVE_9_1)
                        .vm(VmSeed.of(101, "pve-ms01-01")
                                .name("talos-k8s-01")
                                .disk("scsi0", "vm-disks", 8)
                                .running())
                        .vm(VmSeed.of(150, "pve-ms01-01")
                                .name("docker-host-01")
                                .disk("scsi0", "vm-disks", 8)
                                .running()
                                .ha("started"))
                        .build());
        ProxmoxApi byHand = SimulatedProxmoxApi.create(sim.simulator);
        byHand.createHaRule(new HaRule(
                "general",
                HaRule.Type.NODE_AFFINITY,
                List.of("vm:150"),
                NodePriority.parseList("pve-ms01-01"),
                false,
                null,
                null,
                BY_HAND,
                null,
                null));
        client.resource(sim.tokenSecret("pve-token")).create();
        client.resource(TalosNodes.controlPlane(
                        ns,
                        "talos-k8s-01",
                        "homelab",
                        101,
                        "pve-ms01-01",
                        "talos-k8s-01",
                        "ha: {enabled: true, group: production}"))
                .create();
        ProxmoxCluster cluster = client.resource(
                        sim.resource("homelab", "pve-token", "haGroups:\n" + SEED_GROUPS.indent(2)))
                .create();
        SeenStates<String> production = new SeenStates<>();

        await.untilAsserted("Rules mode; no rule without an HA-managed member; someone else's rule a Conflict", () -> {
            ProxmoxClusterStatus status = status(cluster);
            assertThat(status.getHaMode()).isEqualTo("Rules");
            assertThat(status.getHaGroups())
                    .extracting(HaGroupStatus::name, HaGroupStatus::kind, HaGroupStatus::state)
                    .containsExactly(
                            tuple("production", "Rule", "Pending"),
                            tuple("ai-workloads", "Rule", "Pending"),
                            tuple("general", "Rule", "Conflict"));
            production.sample(status.getHaGroups().get(0).state());
        });
        assertThat(status(cluster).getHaGroups().get(0).message()).contains("waiting for vm:101");
        assertThat(ruleNames(sim)).containsExactly("general");
        assertThat(writes(sim, 0)).as("only the rule made by hand").containsExactly("POST /cluster/ha/rules");

        // what the TalosNodeVM controller will do for ha.enabled; it creates no VMs yet, so here it is done by hand
        byHand.createHaResource(HaResource.vm(101, "started"));
        int managed = sim.journalSize();
        await.untilAsserted("production becomes a rule naming vm:101, InSync after the follow-up pass", () -> {
            production.sample(status(cluster).getHaGroups().get(0).state());
            assertThat(status(cluster).getHaGroups())
                    .extracting(HaGroupStatus::name, HaGroupStatus::state)
                    .containsExactly(
                            tuple("production", "InSync"),
                            tuple("ai-workloads", "Pending"),
                            tuple("general", "Conflict"));
        });
        assertThat(production.followsOrder("Pending", "Created", "InSync"))
                .as(production.trail().toString())
                .isTrue();
        String marker = "underlay.dev/owner=underlay/" + cluster.getMetadata().getNamespace() + "/"
                + cluster.getMetadata().getName();
        assertThat(rule(sim, "production"))
                .containsEntry("type", "node-affinity")
                .containsEntry("resources", "vm:101")
                .containsEntry("comment", marker);
        assertThat(nodes(rule(sim, "production"))).containsExactly("pve-aimax-01", "pve-ms01-01", "pve-ms01-02");
        assertThat(rule(sim, "general")).containsEntry("comment", BY_HAND).containsEntry("resources", "vm:150");
        assertThat(writes(sim, managed)).containsExactly("POST /cluster/ha/rules");

        int calm = sim.journalSize();
        awaitSnapshots(await, sim, calm, 2);
        assertThat(sim.journalSince(calm)).as("a calm resync writes nothing").noneMatch(JournalEntry::mutating);

        int edited = sim.journalSize();
        editHaGroups(cluster, sim, """
                - {name: production, nodes: ["pve-ms01-01:2", "pve-ms01-02:1"], restricted: true}
                - {name: ai-workloads, nodes: [pve-aimax-01], restricted: true}
                - {name: general, nodes: ["pve-ms01-01:2", "pve-ms01-02:1"]}
                """);
        await.untilAsserted("the rule follows the edited entry", () -> {
            assertThat(nodes(rule(sim, "production"))).containsExactly("pve-ms01-01:2", "pve-ms01-02:1");
            assertThat(status(cluster).getHaGroups())
                    .extracting(HaGroupStatus::name, HaGroupStatus::state)
                    .containsExactly(
                            tuple("production", "InSync"),
                            tuple("ai-workloads", "Pending"),
                            tuple("general", "Conflict"));
        });
        assertThat(rule(sim, "production")).containsEntry("strict", "1").containsEntry("resources", "vm:101");
        assertThat(writes(sim, edited)).containsExactly("PUT /cluster/ha/rules/production");

        int removed = sim.journalSize();
        editHaGroups(cluster, sim, "- {name: ai-workloads, nodes: [pve-aimax-01], restricted: true}\n");
        await.untilAsserted("removing the entries deletes our rule only", () -> {
            assertThat(ruleNames(sim)).containsExactly("general");
            assertThat(status(cluster).getHaGroups())
                    .extracting(HaGroupStatus::name, HaGroupStatus::state)
                    .containsExactly(tuple("ai-workloads", "Pending"));
        });
        assertThat(rule(sim, "general")).containsEntry("comment", BY_HAND).containsEntry("resources", "vm:150");
        assertThat(writes(sim, removed)).containsExactly("DELETE /cluster/ha/rules/production");
        Set<String> haResources =
                sim.simulator.query(c -> Set.copyOf(c.model().ha.resources.keySet()));
        assertThat(haResources).as("the HA resources themselves stay").containsExactlyInAnyOrder("vm:101", "vm:150");
    }

    /** Replaces spec.haGroups as a user editing the resource would; the rest of the spec stays. */
    private void editHaGroups(ProxmoxCluster cluster, SimulatedCluster sim, String haGroups) {
        ProxmoxCluster wanted =
                sim.resource(cluster.getMetadata().getName(), "pve-token", "haGroups:\n" + haGroups.indent(2));
        Fixtures.edit(client, cluster, current -> {
            current.setSpec(wanted.getSpec());
            return current;
        });
    }

    /** Waits until the operator has taken {@code count} more snapshots since journal position {@code from}. */
    private static void awaitSnapshots(Awaits await, SimulatedCluster sim, int from, int count) {
        await.untilAsserted(
                count + " more snapshots",
                () -> assertThat(sim.journalSince(from))
                        .filteredOn(e -> e.path().equals("/cluster/status"))
                        .hasSizeGreaterThanOrEqualTo(count));
    }

    /** Mutating requests since journal position {@code from}, as "METHOD path". */
    private static List<String> writes(SimulatedCluster sim, int from) {
        return sim.journalSince(from).stream()
                .filter(JournalEntry::mutating)
                .map(e -> e.method() + " " + e.path())
                .toList();
    }

    private static Map<String, String> group(SimulatedCluster sim, String name) {
        return sim.simulator.query(c -> copy(c.model().ha.groups.get(name)));
    }

    private static Map<String, String> rule(SimulatedCluster sim, String name) {
        return sim.simulator.query(c -> copy(c.model().ha.rules.get(name)));
    }

    private static List<String> ruleNames(SimulatedCluster sim) {
        return sim.simulator.query(c -> List.copyOf(c.model().ha.rules.keySet()));
    }

    private static Map<String, String> copy(Map<String, String> entry) {
        return entry == null ? null : Map.copyOf(entry);
    }

    /** The node list of a group or rule, sorted (PVE keeps the order it was given). */
    private static Set<String> nodes(Map<String, String> placement) {
        assertThat(placement).as("group or rule").isNotNull();
        return new TreeSet<>(Arrays.asList(placement.get("nodes").split(",")));
    }

    private ProxmoxClusterStatus status(ProxmoxCluster cluster) {
        return Fixtures.fetch(client, cluster).getStatus();
    }
}
