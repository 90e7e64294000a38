package dev.underlay.simulator.pve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.underlay.simulator.pve.model.HaState;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class HaTest {

    private static final String N1 = "pve-ms01-01";
    private static final String N2 = "pve-ms01-02";

    private static SimFixture withGuests(PveVersion version) {
        return new SimFixture(
                version,
                VmSeed.of(101, N1).name("db").disk("scsi0", "vm-disks", 8),
                VmSeed.of(102, N1).name("web").disk("scsi0", "vm-disks", 8));
    }

    @Test
    void pve8UsesGroupsAndHasNoRules() {
        SimFixture f = withGuests(PveVersion.PVE_8_4);
        f.ok("POST", "/cluster/ha/groups", "group", "general", "nodes", "pve-ms01-01:2,pve-ms01-02", "restricted", "1");
        f.ok("POST", "/cluster/ha/resources", "sid", "vm:101", "group", "general", "max_relocate", "1");
        JsonNode group = f.ok("GET", "/cluster/ha/groups/general");
        assertThat(group.get("nodes").asText()).isEqualTo("pve-ms01-01:2,pve-ms01-02");
        assertThat(group.get("restricted").asInt()).isEqualTo(1);
        JsonNode res = f.ok("GET", "/cluster/ha/resources/vm:101");
        assertThat(res.get("group").asText()).isEqualTo("general");
        assertThat(res.get("state").asText()).isEqualTo("started");
        assertThat(f.call("GET", "/cluster/ha/rules").status()).isEqualTo(501);
        assertThat(f.ok("GET", "/cluster/ha/status/current"))
                .noneMatch(e -> e.get("type").asText().equals("fencing"));
        SimResponse failback = f.call("POST", "/cluster/ha/resources", "sid", "vm:102", "failback", "1");
        assertThat(failback.status()).isEqualTo(400);
    }

    @Test
    void pve9AfterMigrationRefusesGroupsAndUsesRulesForManagedResourcesOnly() {
        SimFixture f = withGuests(PveVersion.PVE_9_1);
        SimResponse groups = f.call("GET", "/cluster/ha/groups");
        assertThat(groups.status()).isEqualTo(500);
        assertThat(groups.reasonPhrase()).isEqualTo("cannot index groups: ha groups have been migrated to rules");
        SimResponse withGroup = f.call("POST", "/cluster/ha/resources", "sid", "vm:101", "group", "general");
        assertThat(withGroup.reasonPhrase())
                .isEqualTo("invalid parameter 'group': ha groups have been migrated to rules");

        SimResponse unmanaged = f.call(
                "POST",
                "/cluster/ha/rules",
                "rule",
                "db-on-ms01",
                "type",
                "node-affinity",
                "resources",
                "vm:101",
                "nodes",
                "pve-ms01-01:2,pve-ms01-02");
        assertThat(unmanaged.status()).isEqualTo(500);
        assertThat(unmanaged.reasonPhrase()).contains("unmanaged resource(s) vm:101");

        f.ok("POST", "/cluster/ha/resources", "sid", "vm:101", "failback", "0");
        f.ok(
                "POST",
                "/cluster/ha/rules",
                "rule",
                "db-on-ms01",
                "type",
                "node-affinity",
                "resources",
                "vm:101",
                "nodes",
                "pve-ms01-01:2,pve-ms01-02",
                "strict",
                "1");
        JsonNode rule = f.ok("GET", "/cluster/ha/rules/db-on-ms01");
        assertThat(rule.get("type").asText()).isEqualTo("node-affinity");
        assertThat(rule.get("resources").asText()).isEqualTo("vm:101");
        assertThat(rule.get("strict").asInt()).isEqualTo(1);
        assertThat(rule.get("disable").asInt()).isZero();
        assertThat(rule.get("order").asInt()).isEqualTo(1);
        assertThat(rule.get("digest").asText()).matches("[0-9a-f]{40}");
        assertThat(f.ok("GET", "/cluster/ha/rules", "type", "resource-affinity"))
                .isEmpty();
        assertThat(f.ok("GET", "/cluster/ha/resources/vm:101").get("failback").asInt())
                .isZero();
    }

    @Test
    void pve9BeforeMigrationRefusesRules() {
        SimFixture f = withGuests(PveVersion.PVE_9_1);
        f.sim.haMode(HaState.Mode.GROUPS);
        SimResponse r = f.call(
                "POST", "/cluster/ha/rules", "rule", "r1", "type", "node-affinity", "resources", "vm:101", "nodes", N1);
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.reasonPhrase()).isEqualTo("cannot create ha rule: ha groups have not been migrated yet");
        f.ok("POST", "/cluster/ha/groups", "group", "general", "nodes", N1);
        assertThat(f.ok("GET", "/cluster/ha/groups")).hasSize(1);
    }

    @Test
    void haManagedStartRequestsAndTheCrmActsShortlyAfter() {
        SimFixture f = withGuests(PveVersion.PVE_9_1);
        f.ok("POST", "/cluster/ha/resources", "sid", "vm:101", "state", "stopped");
        String upid = f.upid("POST", "/nodes/" + N1 + "/qemu/101/status/start");
        assertThat(upid).contains(":hastart:101:");
        JsonNode task = f.ok("GET", "/nodes/" + N1 + "/tasks/" + upid + "/status");
        assertThat(task.get("status").asText()).isEqualTo("stopped");
        assertThat(task.get("exitstatus").asText()).isEqualTo("OK");
        assertThat(f.ok("GET", "/nodes/" + N1 + "/qemu/101/status/current")
                        .get("status")
                        .asText())
                .isEqualTo("stopped");

        f.clock.advance(Duration.ofSeconds(1));
        JsonNode status = f.ok("GET", "/nodes/" + N1 + "/qemu/101/status/current");
        assertThat(status.get("status").asText()).isEqualTo("running");
        assertThat(status.get("ha").get("managed").asInt()).isEqualTo(1);
        JsonNode service = f.ok("GET", "/cluster/ha/status/current").findParent("sid");
        assertThat(service.get("sid").asText()).isEqualTo("vm:101");
        assertThat(service.get("status").asText()).isEqualTo("vm:101 (pve-ms01-01, started)");

        String stop = f.upid("POST", "/nodes/" + N1 + "/qemu/101/status/shutdown");
        assertThat(stop).contains(":hastop:101:");
        f.clock.advance(Duration.ofSeconds(1));
        assertThat(f.ok("GET", "/nodes/" + N1 + "/qemu/101/status/current")
                        .get("status")
                        .asText())
                .isEqualTo("stopped");
    }

    @Test
    void anIgnoredHaResourceIsPoweredByQemuServerNotTheCrm() {
        SimFixture f = withGuests(PveVersion.PVE_9_1);
        f.ok("POST", "/cluster/ha/resources", "sid", "vm:101", "state", "ignored");
        String start = f.upid("POST", "/nodes/" + N1 + "/qemu/101/status/start");
        assertThat(start).contains(":qmstart:101:");
        f.finish(start);
        assertThat(f.ok("GET", "/nodes/" + N1 + "/qemu/101/status/current")
                        .get("status")
                        .asText())
                .isEqualTo("running");
        String migrate = f.upid("POST", "/nodes/" + N1 + "/qemu/101/migrate", "target", N2, "online", "1");
        assertThat(migrate).contains(":qmigrate:101:");
    }

    @Test
    void haManagedMigrationMovesTheGuestAfterTheCrmDelay() {
        SimFixture f = withGuests(PveVersion.PVE_9_1);
        f.ok("POST", "/cluster/ha/resources", "sid", "vm:102");
        f.clock.advance(Duration.ofSeconds(1));
        String upid = f.upid("POST", "/nodes/" + N1 + "/qemu/102/migrate", "target", N2, "online", "1");
        assertThat(upid).contains(":hamigrate:102:");
        assertThat(f.ok("GET", "/cluster/resources", "type", "vm")).anySatisfy(r -> {
            assertThat(r.get("vmid").asInt()).isEqualTo(102);
            assertThat(r.get("node").asText()).isEqualTo(N1);
            assertThat(r.get("hastate").asText()).isEqualTo("started");
        });
        f.clock.advance(Duration.ofSeconds(1));
        assertThat(f.ok("GET", "/nodes/" + N2 + "/qemu/102/status/current")
                        .get("status")
                        .asText())
                .isEqualTo("running");
        JsonNode answer = f.ok("POST", "/cluster/ha/resources/vm:102/migrate", "node", N1);
        assertThat(answer.get("requested-node").asText()).isEqualTo(N1);
    }

    @Test
    void haGuestsOfAFailedNodeAreRecoveredElsewhereNonHaGuestsStay() {
        SimFixture f = withGuests(PveVersion.PVE_9_1);
        f.ok("POST", "/cluster/ha/resources", "sid", "vm:101");
        f.run("POST", "/nodes/" + N1 + "/qemu/102/status/start");
        f.clock.advance(Duration.ofSeconds(1));
        assertThat(f.ok("GET", "/nodes/" + N1 + "/qemu/101/status/current")
                        .get("status")
                        .asText())
                .isEqualTo("running");

        f.sim.faults().nodeOffline(N1);
        f.clock.advance(Duration.ofSeconds(1));
        f.sim.tick();
        f.clock.advance(Duration.ofSeconds(1));
        JsonNode vms = f.ok("GET", "/cluster/resources", "type", "vm");
        assertThat(vms).anySatisfy(r -> {
            assertThat(r.get("vmid").asInt()).isEqualTo(101);
            assertThat(r.get("node").asText()).isEqualTo(N2);
            assertThat(r.get("status").asText()).isEqualTo("running");
        });
        assertThat(vms).anySatisfy(r -> {
            assertThat(r.get("vmid").asInt()).isEqualTo(102);
            assertThat(r.get("node").asText()).isEqualTo(N1);
            assertThat(r.get("status").asText()).isEqualTo("unknown");
        });
    }

    @Test
    void nodeMaintenanceShowsInManagerStatusAndMovesHaGuestsAway() {
        SimFixture f = withGuests(PveVersion.PVE_9_1);
        f.ok("POST", "/cluster/ha/resources", "sid", "vm:101");
        f.sim.nodeMaintenance(N1, true);
        JsonNode manager = f.ok("GET", "/cluster/ha/status/manager_status");
        assertThat(manager.get("manager_status").get("node_status").get(N1).asText())
                .isEqualTo("maintenance");
        assertThat(manager.get("manager_status")
                        .get("node_request")
                        .get(N1)
                        .get("maintenance")
                        .asInt())
                .isEqualTo(1);
        assertThat(manager.get("lrm_status").get(N1).get("mode").asText()).isEqualTo("maintenance");
        assertThat(manager.get("quorum").get("quorate").asText()).isEqualTo("1");
        assertThat(f.ok("GET", "/cluster/ha/status/current"))
                .anySatisfy(e -> assertThat(e.get("status").asText()).startsWith(N1 + " (maintenance mode,"));
        assertThat(f.ok("GET", "/nodes"))
                .allSatisfy(n -> assertThat(n.get("status").asText()).isEqualTo("online"));

        f.clock.advance(Duration.ofSeconds(2));
        assertThat(f.ok("GET", "/cluster/resources", "type", "vm")).anySatisfy(r -> {
            assertThat(r.get("vmid").asInt()).isEqualTo(101);
            assertThat(r.get("node").asText()).isNotEqualTo(N1);
        });
        assertThat(f.ok("GET", "/cluster/ha/status/current"))
                .anyMatch(e -> e.get("type").asText().equals("fencing"));
    }

    @Test
    void migratingToRulesTurnsGroupsWithResourcesIntoRulesAndNofailbackIntoFailback() {
        SimFixture f = withGuests(PveVersion.PVE_9_1);
        f.sim.haMode(HaState.Mode.GROUPS);
        f.ok(
                "POST",
                "/cluster/ha/groups",
                "group",
                "general",
                "nodes",
                "pve-ms01-01:2,pve-ms01-02",
                "restricted",
                "1",
                "nofailback",
                "1",
                "comment",
                "db hosts");
        f.ok("POST", "/cluster/ha/groups", "group", "plain", "nodes", N2);
        f.ok("POST", "/cluster/ha/groups", "group", "unused", "nodes", N1);
        f.ok("POST", "/cluster/ha/resources", "sid", "vm:101", "group", "general");
        f.ok("POST", "/cluster/ha/resources", "sid", "vm:102", "group", "plain");

        f.sim.haMode(HaState.Mode.RULES);

        JsonNode general = f.ok("GET", "/cluster/ha/rules/ha-group-general");
        assertThat(general.get("type").asText()).isEqualTo("node-affinity");
        assertThat(general.get("resources").asText()).isEqualTo("vm:101");
        assertThat(general.get("nodes").asText()).isEqualTo("pve-ms01-01:2,pve-ms01-02");
        assertThat(general.get("strict").asInt()).isEqualTo(1);
        assertThat(general.get("comment").asText()).isEqualTo("db hosts");
        assertThat(f.ok("GET", "/cluster/ha/rules/ha-group-plain")
                        .get("comment")
                        .asText())
                .isEqualTo("Generated from HA group 'plain'.");
        assertThat(f.call("GET", "/cluster/ha/rules/ha-group-unused").status()).isEqualTo(500);
        JsonNode vm101 = f.ok("GET", "/cluster/ha/resources/vm:101");
        assertThat(vm101.get("failback").asInt()).isZero();
        assertThat(vm101.has("group")).isFalse();
        assertThat(f.ok("GET", "/cluster/ha/resources/vm:102").get("failback").asInt())
                .isEqualTo(1);
        assertThat(f.call("GET", "/cluster/ha/groups").status()).isEqualTo(500);
    }

    @Test
    void aGroupsCommentCanBeRemovedWithDelete() {
        SimFixture f = withGuests(PveVersion.PVE_8_4);
        f.ok("POST", "/cluster/ha/groups", "group", "general", "nodes", N1, "comment", "temporary");

        f.ok("PUT", "/cluster/ha/groups/general", "delete", "comment");

        assertThat(f.ok("GET", "/cluster/ha/groups/general").has("comment")).isFalse();
    }

    @Test
    void aNodeCanRunAnotherReleaseThanTheClusterMidUpgrade() {
        SimFixture f = withGuests(PveVersion.PVE_9_1);

        f.sim.nodeVersion(N2, "8.4.2");

        assertThat(f.ok("GET", "/nodes/" + N2 + "/status").get("pveversion").asText())
                .startsWith("pve-manager/8.4.2/");
        assertThat(f.ok("GET", "/nodes/" + N1 + "/status").get("pveversion").asText())
                .startsWith("pve-manager/9.1.3/");
        assertThat(f.ok("GET", "/version").get("version").asText()).isEqualTo("9.1.3");
    }
}
