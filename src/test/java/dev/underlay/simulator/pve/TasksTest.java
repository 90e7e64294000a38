package dev.underlay.simulator.pve;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TasksTest {

    private static final String UPID_REGEX =
            "^UPID:([a-zA-Z0-9]([a-zA-Z0-9\\-]*[a-zA-Z0-9])?):([0-9A-Fa-f]{8}):([0-9A-Fa-f]{8,9}):([0-9A-Fa-f]{8}):([^:\\s/]+):([^:\\s/]*):([^:\\s/]+):$";

    private final SimFixture f = new SimFixture(
            PveVersion.PVE_9_1, VmSeed.of(101, "pve-ms01-01").name("vm1").disk("scsi0", "vm-disks", 8));

    @Test
    void upidHasTheRealFormatWithTokenUserAndStartTime() {
        String upid = f.upid("POST", "/nodes/pve-ms01-01/qemu/101/status/start");
        assertThat(upid).matches(UPID_REGEX);
        String[] parts = upid.split(":");
        assertThat(parts[1]).isEqualTo("pve-ms01-01");
        assertThat(Long.parseLong(parts[4], 16)).isEqualTo(SimFixture.START.getEpochSecond());
        assertThat(parts[5]).isEqualTo("qmstart");
        assertThat(parts[6]).isEqualTo("101");
        assertThat(parts[7]).isEqualTo("underlay@pve!operator");
    }

    @Test
    void taskRunsUntilTheClockPassesItsLatencyThenStopsWithOk() {
        String upid = f.upid("POST", "/nodes/pve-ms01-01/qemu/101/status/start");
        JsonNode running = f.ok("GET", "/nodes/pve-ms01-01/tasks/" + upid + "/status");
        assertThat(running.get("status").asText()).isEqualTo("running");
        assertThat(running.has("exitstatus")).isFalse();
        assertThat(f.ok("GET", "/nodes/pve-ms01-01/qemu/101/status/current")
                        .get("status")
                        .asText())
                .isEqualTo("stopped");

        JsonNode stopped = f.finish(upid);
        assertThat(stopped.get("exitstatus").asText()).isEqualTo("OK");
        assertThat(f.ok("GET", "/nodes/pve-ms01-01/qemu/101/status/current")
                        .get("status")
                        .asText())
                .isEqualTo("running");
    }

    @Test
    void taskListsPutTheExitTextIntoStatus() {
        String upid = f.upid("POST", "/nodes/pve-ms01-01/qemu/101/status/start");
        f.finish(upid);
        for (String path : List.of("/cluster/tasks", "/nodes/pve-ms01-01/tasks")) {
            JsonNode rows = f.ok("GET", path);
            JsonNode row = find(rows, upid);
            assertThat(row.get("status").asText()).as(path).isEqualTo("OK");
            assertThat(row.get("endtime").asLong())
                    .isGreaterThanOrEqualTo(row.get("starttime").asLong());
            assertThat(row.get("type").asText()).isEqualTo("qmstart");
        }
        assertThat(f.ok("GET", "/nodes/pve-ms01-02/tasks"))
                .noneMatch(r -> r.get("upid").asText().equals(upid));
    }

    @Test
    void injectedFailureEndsTheNextTaskOfThatTypeWithTheTextAndATaskErrorLogLine() {
        f.sim.faults().failNextTask("qmstart", "start failed: QEMU exited with code 1");
        String upid = f.upid("POST", "/nodes/pve-ms01-01/qemu/101/status/start");
        JsonNode status = f.finish(upid);
        assertThat(status.get("exitstatus").asText()).isEqualTo("start failed: QEMU exited with code 1");
        JsonNode log = f.ok("GET", "/nodes/pve-ms01-01/tasks/" + upid + "/log", "start", "0", "limit", "50");
        JsonNode last = log.get(log.size() - 1);
        assertThat(last.get("t").asText()).isEqualTo("TASK ERROR: start failed: QEMU exited with code 1");
        assertThat(last.get("n").asInt()).isEqualTo(log.size());
        assertThat(f.ok("GET", "/nodes/pve-ms01-01/qemu/101/status/current")
                        .get("status")
                        .asText())
                .isEqualTo("stopped");
        assertThat(find(f.ok("GET", "/cluster/tasks"), upid).get("status").asText())
                .isEqualTo("start failed: QEMU exited with code 1");

        f.run("POST", "/nodes/pve-ms01-01/qemu/101/status/start");
    }

    @Test
    void latencyIsSettablePerTaskType() {
        f.sim.taskLatency("qmstart", Duration.ofSeconds(30));
        String upid = f.upid("POST", "/nodes/pve-ms01-01/qemu/101/status/start");
        f.clock.advance(Duration.ofSeconds(29));
        assertThat(f.ok("GET", "/nodes/pve-ms01-01/tasks/" + upid + "/status")
                        .get("status")
                        .asText())
                .isEqualTo("running");
        f.clock.advance(Duration.ofSeconds(2));
        assertThat(f.ok("GET", "/nodes/pve-ms01-01/tasks/" + upid + "/status")
                        .get("exitstatus")
                        .asText())
                .isEqualTo("OK");
    }

    @Test
    void defaultLatencyStaysWithinTheConfiguredRange() {
        f.sim.taskLatency(Duration.ofMillis(100), Duration.ofMillis(300));
        List<String> upids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            upids.add(f.upid("POST", "/nodes/pve-ms01-01/qemu/101/status/stop"));
        }
        f.clock.advance(Duration.ofMillis(99));
        upids.forEach(u -> assertThat(f.sim.task(u).orElseThrow().running()).isTrue());
        f.clock.advance(Duration.ofMillis(202));
        f.sim.tick();
        upids.forEach(u -> assertThat(f.sim.task(u).orElseThrow().running()).isFalse());
    }

    @Test
    void taskStatusMustBeAskedOnTheNodeInTheUpid() {
        String upid = f.upid("POST", "/nodes/pve-ms01-01/qemu/101/status/start");
        SimResponse r = f.call("GET", "/nodes/pve-ms01-02/tasks/" + upid + "/status");
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.reasonPhrase()).isEqualTo("no such task");
    }

    @Test
    void stoppingATaskInterruptsIt() {
        String upid = f.upid("POST", "/nodes/pve-ms01-01/qemu/101/status/start");
        f.ok("DELETE", "/nodes/pve-ms01-01/tasks/" + upid);
        JsonNode status = f.ok("GET", "/nodes/pve-ms01-01/tasks/" + upid + "/status");
        assertThat(status.get("status").asText()).isEqualTo("stopped");
        assertThat(status.get("exitstatus").asText()).isEqualTo("interrupted by signal");
    }

    static JsonNode find(JsonNode rows, String upid) {
        for (JsonNode r : rows) {
            if (r.get("upid").asText().equals(upid)) {
                return r;
            }
        }
        throw new AssertionError("task " + upid + " not listed in " + rows);
    }
}
