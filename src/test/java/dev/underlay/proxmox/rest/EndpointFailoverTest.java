package dev.underlay.proxmox.rest;

import dev.underlay.proxmox.ProxmoxApiException;
import dev.underlay.proxmox.TlsVerificationException;
import dev.underlay.proxmox.TransientException;
import dev.underlay.proxmox.rest.EndpointFailover.AttemptFailure;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Failover decisions with scripted endpoints (the HTTPS test covers the real connect failure). */
class EndpointFailoverTest {

    private static final PveRequest GET = PveRequest.get("/cluster/status");
    private static final PveRequest POST = PveRequest.post("/nodes/pve1/qemu", PveParams.empty());

    private final List<String> tried = new ArrayList<>();

    private EndpointFailover.Attempt<String> script(Map<String, Object> outcomes) {
        return endpoint -> {
            tried.add(endpoint);
            Object outcome = outcomes.get(endpoint);
            if (outcome instanceof AttemptFailure failure) {
                throw failure;
            }
            return (PveResponse) outcome;
        };
    }

    private static AttemptFailure down(boolean safe) {
        return new AttemptFailure(new TransientException(0, "cannot connect"), safe);
    }

    @Test
    void movesOnAfterAConnectFailureAndRemembersTheEndpointThatAnswered() throws Exception {
        EndpointFailover<String> failover = new EndpointFailover<>(List.of("a", "b", "c"));
        var attempt = script(
                Map.of("a", down(true), "b", new PveResponse(200, "OK", "{}"), "c", new PveResponse(200, "OK", "{}")));

        assertThat(failover.execute(GET, attempt).status()).isEqualTo(200);
        assertThat(failover.preferred()).isEqualTo("b");
        tried.clear();
        failover.execute(GET, attempt);
        assertThat(tried).containsExactly("b");
    }

    @Test
    void errorsFromAnAnsweringEndpointEndTheSearch() throws Exception {
        EndpointFailover<String> failover = new EndpointFailover<>(List.of("a", "b"));

        PveResponse answer = failover.execute(
                GET,
                script(Map.of(
                        "a",
                        new PveResponse(500, "VM is locked (backup)", ""),
                        "b",
                        new PveResponse(200, "OK", "{}"))));

        assertThat(answer.status()).isEqualTo(500);
        assertThat(tried).containsExactly("a");
    }

    @Test
    void unreachableTargetNodeAnswersMoveOnAndAreReturnedWhenAllSayIt() throws Exception {
        EndpointFailover<String> failover = new EndpointFailover<>(List.of("a", "b"));

        PveResponse moved = failover.execute(
                POST,
                script(Map.of(
                        "a", new PveResponse(595, "Connection refused", ""), "b", new PveResponse(200, "OK", "{}"))));
        assertThat(moved.status()).isEqualTo(200);

        tried.clear();
        PveResponse all = new EndpointFailover<>(List.of("a", "b"))
                .execute(
                        GET,
                        script(Map.of(
                                "a",
                                new PveResponse(596, "Broken pipe", ""),
                                "b",
                                new PveResponse(595, "No route to host", ""))));
        assertThat(all.status()).isEqualTo(595);
        assertThat(tried).containsExactly("a", "b");
    }

    @Test
    void unsafeFailuresAndTrustFailuresAreNotRetriedElsewhere() {
        EndpointFailover<String> failover = new EndpointFailover<>(List.of("a", "b"));

        assertThatThrownBy(() ->
                        failover.execute(POST, script(Map.of("a", down(false), "b", new PveResponse(200, "OK", "{}")))))
                .isInstanceOf(TransientException.class);
        assertThat(tried).containsExactly("a");

        tried.clear();
        AttemptFailure tls = new AttemptFailure(
                new TlsVerificationException(TlsVerificationException.Reason.UNTRUSTED_CA, "untrusted", null), false);
        assertThatThrownBy(() -> failover.execute(GET, script(Map.of("a", tls, "b", new PveResponse(200, "OK", "{}")))))
                .isInstanceOf(TlsVerificationException.class);
        assertThat(tried).containsExactly("a");
    }

    @Test
    void allEndpointsDownGivesTheLastError() {
        EndpointFailover<String> failover = new EndpointFailover<>(List.of("a", "b"));

        assertThatThrownBy(() -> failover.execute(GET, script(Map.of("a", down(true), "b", down(true)))))
                .isInstanceOf(ProxmoxApiException.class)
                .hasMessageContaining("cannot connect");
        assertThat(tried).containsExactly("a", "b");
    }
}
