package dev.underlay.proxmox.rest;

import dev.underlay.proxmox.ProxmoxApiException;
import dev.underlay.proxmox.model.PveVersion;
import dev.underlay.proxmox.rest.PveJson.Fields;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The type quirks of NOTES.md section 7, each read through the one lenient reader. */
class PveJsonQuirksTest {

    private static Fields fields(String json) {
        return Fields.of(PveJson.parse(json));
    }

    @Test
    void numbersMayArriveAsStrings() {
        Fields f = fields("{\"a\":\"100\",\"b\":100,\"c\":\"0.4\",\"d\":0.4,\"e\":0,\"f\":\"34359738368\"}");

        assertThat(f.integer("a")).isEqualTo(100);
        assertThat(f.integer("b")).isEqualTo(100);
        assertThat(f.dbl("c")).isEqualTo(0.4);
        assertThat(f.dbl("d")).isEqualTo(0.4);
        assertThat(f.dbl("e")).isZero();
        assertThat(f.lng("f")).isEqualTo(34359738368L);
    }

    @Test
    void booleansComeInThreeEncodings() {
        Fields f = fields("{\"a\":1,\"b\":0,\"c\":\"1\",\"d\":\"0\",\"e\":true,\"f\":false}");

        assertThat(f.bool("a")).isTrue();
        assertThat(f.bool("b")).isFalse();
        assertThat(f.bool("c")).isTrue();
        assertThat(f.bool("d")).isFalse();
        assertThat(f.bool("e")).isTrue();
        assertThat(f.bool("f")).isFalse();
    }

    @Test
    void absentNullAndEmptyAreAlike() {
        Fields f = fields("{\"nul\":null,\"empty\":\"\"}");

        assertThat(f.integer("missing")).isNull();
        assertThat(f.integer("nul")).isNull();
        assertThat(f.str("empty")).isNull();
        assertThat(f.bool("nul")).isNull();
        assertThat(f.flag("missing")).isFalse();
        assertThat(f.has("nul")).isFalse();
        assertThat(f.strings("missing")).isEmpty();
    }

    @Test
    void listsAreArraysOrSeparatedStrings() {
        Fields f =
                fields("{\"csv\":\"100,101,102\",\"tags\":\"talos;cp\",\"arr\":[\"a\",\"b\"],\"nums\":[\"0.15\",0.2]}");

        assertThat(f.integers("csv")).containsExactly(100, 101, 102);
        assertThat(f.strings("tags")).containsExactly("talos", "cp");
        assertThat(f.strings("arr")).containsExactly("a", "b");
        assertThat(f.strings("nums")).containsExactly("0.15", "0.2");
    }

    @Test
    void valuesBeyondDoublePrecisionStayExact() {
        Fields f = fields("{\"mgr_features\":4540138322906710015,\"s\":\"4540138322906710015\"}");

        assertThat(f.lng("mgr_features")).isEqualTo(4540138322906710015L);
        assertThat(f.lng("s")).isEqualTo(4540138322906710015L);
        assertThat(f.str("mgr_features")).isEqualTo("4540138322906710015");
    }

    @Test
    void unknownKeysAreIgnoredAndOddKeysAreReachable() {
        Fields f = fields("{\"disallowed_leaders: \":\"\",\"next-run\":1735138800,\"x\":{\"y\":1}}");

        assertThat(f.lng("next-run")).isEqualTo(1735138800L);
        assertThat(f.keys()).contains("disallowed_leaders: ");
        assertThat(f.scalars()).containsOnlyKeys("disallowed_leaders: ", "next-run");
    }

    @Test
    void impossibleValuesBecomeACheckedError() {
        RecordingTransport transport = RecordingTransport.answering(200, "OK", "{\"data\":\"abc\"}");
        PveRestApi api = new PveRestApi(transport, PveVersion.parse("9.1.4"));

        assertThatThrownBy(api::nextVmid).isInstanceOfSatisfying(ProxmoxApiException.class, e -> {
            assertThat(e.getMessage()).contains("GET /cluster/nextid: unexpected answer");
            assertThat(e.isRetryable()).isFalse();
        });
        transport.respond(r -> new PveResponse(200, "OK", "not json"));
        assertThatThrownBy(api::clusterStatus)
                .isInstanceOf(ProxmoxApiException.class)
                .hasMessageContaining("unexpected answer");
    }

    @Test
    void offlineNodeRowsWithoutMetricsStillMap() throws Exception {
        PveRestApi api = new PveRestApi(
                RecordingTransport.answering(
                        200,
                        "OK",
                        "{\"data\":[{\"node\":\"pve3\",\"status\":\"offline\",\"id\":\"node/pve3\",\"type\":\"node\"}]}"),
                PveVersion.parse("9.1.4"));

        assertThat(api.nodes()).singleElement().satisfies(n -> {
            assertThat(n.isOnline()).isFalse();
            assertThat(n.cpu()).isNull();
            assertThat(n.maxMem()).isNull();
        });
    }

    @Test
    void unknownResourceAndStatusTypesAreDropped() throws Exception {
        PveRestApi api = new PveRestApi(
                new RecordingTransport()
                        .respond(
                                r -> new PveResponse(
                                        200,
                                        "OK",
                                        r.path().equals("/cluster/resources")
                                                ? "{\"data\":[{\"type\":\"sdn\",\"id\":\"sdn/pve1/localnetwork\"},{\"type\":\"network\","
                                                        + "\"id\":\"network/f1\"},{\"type\":\"pool\",\"id\":\"/pool/x\"},{\"type\":\"qemu\","
                                                        + "\"id\":\"qemu/101\",\"vmid\":\"101\",\"node\":\"pve1\",\"status\":\"unknown\"}]}"
                                                : "{\"data\":[{\"type\":\"future\",\"id\":\"x\"},{\"type\":\"quorum\",\"quorate\":\"1\"}]}")),
                PveVersion.parse("9.1.4"));

        assertThat(api.clusterResources())
                .singleElement()
                .satisfies(r -> assertThat(r.id()).isEqualTo("qemu/101"));
        assertThat(api.haStatus()).hasSize(1);
    }
}
