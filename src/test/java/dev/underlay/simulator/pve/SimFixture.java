package dev.underlay.simulator.pve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A simulator on a {@link ManualClock} with fixed task latency, plus one-line calls that return
 * the parsed answer. Tasks complete only when the test moves the clock.
 */
public final class SimFixture {

    public static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    public static final Duration TASK_LATENCY = Duration.ofSeconds(2);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public final ManualClock clock = new ManualClock(START);
    public final PveSimulator sim;

    public SimFixture(PveVersion version, VmSeed... vms) {
        PveSimulatorBuilder b = PveSimulator.builder()
                .version(version)
                .clock(clock)
                .seed(7)
                .tokenSecret("s3cr3t-token")
                .rootPassword("r00t-pass");
        for (VmSeed vm : vms) {
            b.vm(vm);
        }
        sim = b.build()
                .authFailureDelay(Duration.ofMillis(5))
                .taskLatency(TASK_LATENCY, TASK_LATENCY)
                .haReactionDelay(Duration.ofSeconds(1));
    }

    public SimResponse call(String method, String path, String... kv) {
        return sim.handle(SimRequest.of(method, path, sim.operatorToken(), kv));
    }

    /** Calls and asserts 200, returning {@code data}. */
    public JsonNode ok(String method, String path, String... kv) {
        SimResponse r = call(method, path, kv);
        assertThat(r.status())
                .as("%s %s -> %s %s %s", method, path, r.status(), r.reasonPhrase(), r.bodyText())
                .isEqualTo(200);
        return json(r).get("data");
    }

    public static JsonNode json(SimResponse r) {
        try {
            return MAPPER.readTree(r.jsonBody().orElseThrow());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts an async call and returns its UPID. */
    public String upid(String method, String path, String... kv) {
        JsonNode data = ok(method, path, kv);
        assertThat(data.asText()).startsWith("UPID:");
        return data.asText();
    }

    /** Moves the clock past the task latency and returns the task's final status object. */
    public JsonNode finish(String upid) {
        clock.advance(TASK_LATENCY.plusMillis(1));
        String node = upid.split(":")[1];
        JsonNode status = ok("GET", "/nodes/" + node + "/tasks/" + upid + "/status");
        assertThat(status.get("status").asText()).isEqualTo("stopped");
        return status;
    }

    /** Runs an async call to completion and asserts it succeeded. */
    public void run(String method, String path, String... kv) {
        String upid = upid(method, path, kv);
        JsonNode status = finish(upid);
        assertThat(status.get("exitstatus").asText()).as("task %s", upid).isEqualTo("OK");
    }

    public JsonNode config(String node, int vmid) {
        return ok("GET", "/nodes/" + node + "/qemu/" + vmid + "/config");
    }
}
