package dev.underlay.simulator.pve;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QuorumAndNodesTest {

    private static final String N1 = "pve-ms01-01";
    private static final String N2 = "pve-ms01-02";
    private static final String N3 = "pve-aimax-01";
    private final SimFixture f = new SimFixture(
            PveVersion.PVE_9_1,
            VmSeed.of(103, N3).name("talos-cp-03").disk("scsi0", "vm-disks", 8).running());

    private JsonNode row(JsonNode rows, String id) {
        for (JsonNode r : rows) {
            if (r.get("id").asText().equals(id)) {
                return r;
            }
        }
        throw new AssertionError(id + " missing in " + rows);
    }

    @Test
    void anOfflineNodeShowsUpEverywhereAndItsProxiedCallsAnswer595WithoutBody() {
        f.sim.faults().nodeOffline(N3);

        JsonNode status = f.ok("GET", "/cluster/status");
        assertThat(row(status, "cluster").get("quorate").asInt()).isEqualTo(1);
        assertThat(row(status, "node/" + N3).get("online").asInt()).isZero();
        assertThat(row(status, "node/" + N1).get("online").asInt()).isEqualTo(1);

        JsonNode resources = f.ok("GET", "/cluster/resources");
        JsonNode node = row(resources, "node/" + N3);
        assertThat(node.get("status").asText()).isEqualTo("offline");
        assertThat(node.has("cpu")).isFalse();
        assertThat(node.has("mem")).isFalse();
        assertThat(node.has("uptime")).isFalse();
        assertThat(row(resources, "qemu/103").get("status").asText()).isEqualTo("unknown");

        SimResponse proxied = f.call("GET", "/nodes/" + N3 + "/status");
        assertThat(proxied.status()).isEqualTo(595);
        assertThat(proxied.reasonPhrase())
                .isEqualTo("Errors during connection establishment, proxy handshake: Connection refused");
        assertThat(proxied.jsonBody()).isEmpty();
        assertThat(f.call("GET", "/nodes/" + N1 + "/status").status()).isEqualTo(200);

        f.sim.faults().nodeOnline(N3);
        assertThat(row(f.ok("GET", "/cluster/status"), "node/" + N3)
                        .get("online")
                        .asInt())
                .isEqualTo(1);
        assertThat(row(f.ok("GET", "/cluster/resources"), "qemu/103")
                        .get("status")
                        .asText())
                .isEqualTo("stopped");
    }

    @Test
    void losingTwoOfThreeVotesLosesQuorumWritesFailReadsWork() {
        f.sim.faults().nodeOffline(N2).nodeOffline(N3);
        assertThat(row(f.ok("GET", "/cluster/status"), "cluster").get("quorate").asInt())
                .isZero();

        SimResponse create = f.call("POST", "/nodes/" + N1 + "/qemu", "vmid", "200");
        assertThat(create.status()).isEqualTo(500);
        assertThat(create.reasonPhrase()).isEqualTo("cluster not ready - no quorum?");
        assertThat(f.ok("GET", "/cluster/resources", "type", "vm")).hasSize(1);
        assertThat(f.ok("GET", "/nodes/" + N1 + "/qemu")).isEmpty();

        f.sim.faults().nodeOnline(N2);
        f.run("POST", "/nodes/" + N1 + "/qemu", "vmid", "200");
    }

    @Test
    void quorumLossCanBeInjectedAndRestored() {
        f.sim.faults().loseQuorum();
        assertThat(f.call("PUT", "/nodes/" + N3 + "/qemu/103/config", "name", "x")
                        .reasonPhrase())
                .isEqualTo("cluster not ready - no quorum?");
        JsonNode ha = f.ok("GET", "/cluster/ha/status/current");
        assertThat(ha.get(0).get("quorate").asInt()).isZero();
        f.sim.faults().restoreQuorum();
        f.ok("PUT", "/nodes/" + N3 + "/qemu/103/config", "name", "x");
    }

    @Test
    void nodesAndNodeStatusDescribeTheHomelab() {
        JsonNode nodes = f.ok("GET", "/nodes");
        assertThat(nodes).extracting(n -> n.get("node").asText()).containsExactly(N1, N2, N3);
        assertThat(nodes.get(0).get("maxcpu").asInt()).isEqualTo(20);
        assertThat(nodes.get(0).get("maxmem").asLong()).isEqualTo(96L << 30);
        assertThat(nodes.get(2).get("maxcpu").asInt()).isEqualTo(32);
        assertThat(nodes.get(2).get("maxmem").asLong()).isEqualTo(128L << 30);
        JsonNode status = f.ok("GET", "/nodes/" + N1 + "/status");
        assertThat(status.get("pveversion").asText()).startsWith("pve-manager/9.1.3/");
        assertThat(status.get("memory").get("total").asLong()).isEqualTo(96L << 30);
        assertThat(status.get("loadavg").get(0).isTextual()).isTrue();
        assertThat(f.ok("GET", "/version").get("version").asText()).isEqualTo("9.1.3");
        assertThat(new SimFixture(PveVersion.PVE_8_4)
                        .ok("GET", "/version")
                        .get("version")
                        .asText())
                .isEqualTo("8.4.2");
    }

    @Test
    void anUnknownNodeNameIsAnError() {
        SimResponse r = f.call("GET", "/nodes/PVE-MS01-01/status");
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.reasonPhrase()).isEqualTo("no such cluster node 'PVE-MS01-01'");
    }

    @Test
    void injectedRequestErrorsAreBoundedByTheirCount() {
        f.sim.faults().failRequests("GET", "^/cluster/resources$", 2, 503, "Service Unavailable");
        assertThat(f.call("GET", "/cluster/resources").status()).isEqualTo(503);
        assertThat(f.call("GET", "/cluster/resources").status()).isEqualTo(503);
        assertThat(f.call("GET", "/cluster/resources").status()).isEqualTo(200);
        assertThat(f.call("GET", "/cluster/status").status()).isEqualTo(200);
    }

    @Test
    void rateBasedFaultsHitSomeRequestsUpToTheirLimit() {
        f.sim.faults().failRequestsAtRate(null, "^/version$", 0.5, 5, 500, "injected");
        int failed = 0;
        for (int i = 0; i < 200; i++) {
            if (f.call("GET", "/version").status() == 500) {
                failed++;
            }
        }
        assertThat(failed).isEqualTo(5);
        assertThat(f.sim.journal().matching(e -> e.status() == 500).get(4).path())
                .isEqualTo("/version");
    }

    @Test
    void votesDecideQuorum() {
        f.sim.faults().nodeVotes(N3, 3);
        f.sim.faults().nodeOffline(N3);
        assertThat(row(f.ok("GET", "/cluster/status"), "cluster").get("quorate").asInt())
                .isZero();
        f.sim.faults().nodeOnline(N3).nodeOffline(N1).nodeOffline(N2);
        assertThat(row(f.ok("GET", "/cluster/status"), "cluster").get("quorate").asInt())
                .isEqualTo(1);
    }

    @Test
    void injectedLatencyIsReportedForTheFacadeToApply() {
        f.sim.faults().latency("^/version$", java.time.Duration.ofMillis(250));
        assertThat(f.call("GET", "/version").delay()).isEqualTo(java.time.Duration.ofMillis(250));
        assertThat(f.call("GET", "/nodes").delay()).isZero();
    }
}
