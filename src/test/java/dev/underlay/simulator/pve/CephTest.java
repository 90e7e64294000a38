package dev.underlay.simulator.pve;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CephTest {

    private static final String N1 = "pve-ms01-01";
    private final SimFixture f = new SimFixture(PveVersion.PVE_9_1);

    @Test
    void statusIsRawCephStatusOfAHealthyThreeMonSixOsdCluster() {
        JsonNode s = f.ok("GET", "/cluster/ceph/status");
        assertThat(s.get("health").get("status").asText()).isEqualTo("HEALTH_OK");
        assertThat(s.get("health").get("checks").isObject()).isTrue();
        assertThat(s.get("osdmap").get("num_osds").asInt()).isEqualTo(6);
        assertThat(s.get("osdmap").get("num_up_osds").asInt()).isEqualTo(6);
        assertThat(s.get("osdmap").get("num_in_osds").asInt()).isEqualTo(6);
        assertThat(s.get("monmap").get("mons")).hasSize(3);
        assertThat(s.get("quorum_names"))
                .extracting(JsonNode::asText)
                .containsExactly(N1, "pve-ms01-02", "pve-aimax-01");
        assertThat(s.get("pgmap").get("bytes_total").asLong()).isEqualTo(18L << 40);
        assertThat(s.get("pgmap").get("num_pools").asInt()).isEqualTo(2);
        assertThat(s.get("mgrmap").get("active_mgr_features").asLong()).isEqualTo(4540138322906710015L);
    }

    @Test
    void nooutFlagWarnsAndIsSettableInBulkAndSingly() {
        String upid = f.upid("PUT", "/cluster/ceph/flags", "noout", "1", "norebalance", "1");
        assertThat(upid).contains(":cephsetflags:");
        f.finish(upid);
        assertThat(f.ok("GET", "/cluster/ceph/flags/noout").asInt()).isEqualTo(1);
        JsonNode flags = f.ok("GET", "/cluster/ceph/flags");
        assertThat(flags).anySatisfy(fl -> {
            assertThat(fl.get("name").asText()).isEqualTo("norebalance");
            assertThat(fl.get("value").asInt()).isEqualTo(1);
        });
        JsonNode status = f.ok("GET", "/cluster/ceph/status");
        assertThat(status.get("health").get("status").asText()).isEqualTo("HEALTH_WARN");
        assertThat(status.get("health")
                        .get("checks")
                        .get("OSDMAP_FLAGS")
                        .get("summary")
                        .get("message")
                        .asText())
                .isEqualTo("noout,norebalance flag(s) set");

        assertThat(f.ok("PUT", "/cluster/ceph/flags/noout", "value", "0").isNull())
                .isTrue();
        assertThat(f.ok("PUT", "/cluster/ceph/flags/norebalance", "value", "0").isNull())
                .isTrue();
        assertThat(f.ok("GET", "/cluster/ceph/status")
                        .get("health")
                        .get("status")
                        .asText())
                .isEqualTo("HEALTH_OK");
        assertThat(f.ok("GET", "/nodes/" + N1 + "/ceph/osd").get("flags").asText())
                .doesNotContain("noout");
    }

    @Test
    void anOfflineNodeTakesItsOsdsAndMonitorDown() {
        f.sim.faults().nodeOffline("pve-aimax-01");
        JsonNode s = f.ok("GET", "/cluster/ceph/status");
        assertThat(s.get("health").get("status").asText()).isEqualTo("HEALTH_WARN");
        assertThat(s.get("health").get("checks").has("OSD_DOWN")).isTrue();
        assertThat(s.get("health")
                        .get("checks")
                        .get("MON_DOWN")
                        .get("summary")
                        .get("message")
                        .asText())
                .isEqualTo("1/3 mons down, quorum pve-ms01-01,pve-ms01-02");
        assertThat(s.get("osdmap").get("num_up_osds").asInt()).isEqualTo(4);
    }

    @Test
    void poolsAreCreatedUpdatedAndDeletedThroughTasks() {
        String create = f.upid(
                "POST",
                "/nodes/" + N1 + "/ceph/pool",
                "name",
                "vm-data",
                "size",
                "3",
                "min_size",
                "2",
                "pg_num",
                "256",
                "application",
                "rbd",
                "add_storages",
                "1");
        assertThat(create).contains(":cephcreatepool:vm-data:");
        assertThat(f.ok("GET", "/nodes/" + N1 + "/ceph/pool"))
                .noneMatch(p -> p.get("pool_name").asText().equals("vm-data"));
        f.finish(create);
        JsonNode pool = find(f.ok("GET", "/nodes/" + N1 + "/ceph/pool"), "vm-data");
        assertThat(pool.get("size").asInt()).isEqualTo(3);
        assertThat(pool.get("pg_num").asInt()).isEqualTo(256);
        assertThat(pool.get("pool").isTextual()).isTrue();
        assertThat(pool.get("application_metadata").has("rbd")).isTrue();
        assertThat(f.ok("GET", "/storage/vm-data").get("type").asText()).isEqualTo("rbd");

        f.run("PUT", "/nodes/" + N1 + "/ceph/pool/vm-data", "size", "2", "min_size", "1");
        JsonNode status = f.ok("GET", "/nodes/" + N1 + "/ceph/pool/vm-data/status");
        assertThat(status.get("size").asInt()).isEqualTo(2);
        assertThat(status.get("min_size").asInt()).isEqualTo(1);
        assertThat(status.get("nodelete").asText()).isEqualTo("0");

        f.run("POST", "/nodes/" + N1 + "/qemu", "vmid", "120", "scsi0", "vm-data:10");
        assertThat(f.ok("GET", "/nodes/" + N1 + "/ceph/pool/vm-data/status")
                        .get("statistics")
                        .get("stored")
                        .asLong())
                .isEqualTo(10L << 30);
        String refused = f.upid("DELETE", "/nodes/" + N1 + "/ceph/pool/vm-data", "remove_storages", "1");
        assertThat(f.finish(refused).get("exitstatus").asText())
                .isEqualTo("ceph pool 'vm-data' still in use by storage 'vm-data'");
        f.run("DELETE", "/nodes/" + N1 + "/qemu/120");
        f.run("DELETE", "/nodes/" + N1 + "/ceph/pool/vm-data", "remove_storages", "1");
        assertThat(f.ok("GET", "/nodes/" + N1 + "/ceph/pool"))
                .noneMatch(p -> p.get("pool_name").asText().equals("vm-data"));
        assertThat(f.call("GET", "/storage/vm-data").status()).isEqualTo(500);
    }

    @Test
    void osdTreeHasHostsWithTwoOsdsEachAndInOutIsSync() {
        JsonNode tree = f.ok("GET", "/nodes/" + N1 + "/ceph/osd");
        JsonNode root = tree.get("root").get("children").get(0);
        assertThat(root.get("type").asText()).isEqualTo("root");
        assertThat(root.get("children"))
                .extracting(h -> h.get("name").asText())
                .containsExactly(N1, "pve-ms01-02", "pve-aimax-01");
        assertThat(root.get("children").get(0).get("children"))
                .extracting(o -> o.get("name").asText())
                .containsExactly("osd.0", "osd.1");
        assertThat(root.get("children").get(2).get("children"))
                .extracting(o -> o.get("name").asText())
                .containsExactly("osd.4", "osd.5");

        assertThat(f.ok("POST", "/nodes/" + N1 + "/ceph/osd/1/out").isNull()).isTrue();
        JsonNode osd1 = f.ok("GET", "/nodes/" + N1 + "/ceph/osd")
                .get("root")
                .get("children")
                .get(0)
                .get("children")
                .get(0)
                .get("children")
                .get(1);
        assertThat(osd1.get("in").asInt()).isZero();
        assertThat(f.ok("GET", "/cluster/ceph/status")
                        .get("osdmap")
                        .get("num_in_osds")
                        .asInt())
                .isEqualTo(5);
        f.ok("POST", "/nodes/" + N1 + "/ceph/osd/1/in");
        assertThat(f.ok("GET", "/cluster/ceph/status")
                        .get("osdmap")
                        .get("num_in_osds")
                        .asInt())
                .isEqualTo(6);
    }

    private static JsonNode find(JsonNode pools, String name) {
        for (JsonNode p : pools) {
            if (p.get("pool_name").asText().equals(name)) {
                return p;
            }
        }
        throw new AssertionError(name + " not in " + pools);
    }
}
