package dev.underlay.proxmox.rest;

import dev.underlay.proxmox.AuthenticationException;
import dev.underlay.proxmox.ConflictException;
import dev.underlay.proxmox.GuestAgentException;
import dev.underlay.proxmox.HaGroupsMigratedException;
import dev.underlay.proxmox.HaRulesNotMigratedException;
import dev.underlay.proxmox.InvalidParameterException;
import dev.underlay.proxmox.LockedException;
import dev.underlay.proxmox.NotFoundException;
import dev.underlay.proxmox.NotImplementedException;
import dev.underlay.proxmox.PermissionDeniedException;
import dev.underlay.proxmox.ProxmoxApiException;
import dev.underlay.proxmox.TransientException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class PveErrorMapperTest {

    private static final PveRequest REQUEST = PveRequest.put("/nodes/pve1/qemu/101/config", PveParams.empty());

    static Stream<Arguments> answers() {
        return Stream.of(
                arguments(
                        400,
                        "Parameter verification failed.",
                        "{\"data\":null,\"errors\":{\"cores\":\"type check ('integer') failed - got 'x'\"}}",
                        InvalidParameterException.class,
                        false),
                arguments(401, "No ticket", "", AuthenticationException.class, false),
                arguments(
                        403,
                        "Permission check failed (/vms/101, VM.Config.CPU)",
                        "{\"data\":null}",
                        PermissionDeniedException.class,
                        false),
                arguments(404, "Not Found", "", NotFoundException.class, false),
                arguments(500, "VM is locked (migrate)", "{\"data\":null}", LockedException.class, true),
                arguments(
                        500,
                        "x",
                        "{\"data\":null,\"message\":\"CT is locked (backup)\\n\"}",
                        LockedException.class,
                        true),
                arguments(
                        500,
                        "detected modified configuration - file changed by other user? Try again.",
                        "{\"data\":null}",
                        ConflictException.class,
                        false),
                arguments(
                        500, "VM 101 already exists on node 'pve2'", "{\"data\":null}", ConflictException.class, false),
                arguments(
                        500,
                        "Configuration file 'nodes/pve1/qemu-server/101.conf' does not exist",
                        "{\"data\":null}",
                        NotFoundException.class,
                        false),
                arguments(500, "no such cluster node 'PVE1'", "{\"data\":null}", NotFoundException.class, false),
                arguments(
                        500,
                        "cannot create ha rule: ha groups have not been migrated yet",
                        "{\"data\":null}",
                        HaRulesNotMigratedException.class,
                        true),
                arguments(
                        500,
                        "invalid parameter 'group': ha groups have been migrated to rules",
                        "{\"data\":null}",
                        HaGroupsMigratedException.class,
                        false),
                arguments(500, "No QEMU guest agent configured", "{\"data\":null}", GuestAgentException.class, false),
                arguments(500, "cluster not ready - no quorum?", "{\"data\":null}", TransientException.class, true),
                arguments(
                        501,
                        "Method 'GET /cluster/ha/rules' not implemented",
                        "",
                        NotImplementedException.class,
                        false),
                arguments(502, "Bad Gateway", "", TransientException.class, true),
                arguments(503, "Service Unavailable", "", TransientException.class, true),
                arguments(596, "Connection timed out", "", TransientException.class, true),
                arguments(599, "Broken pipe", "", TransientException.class, true),
                arguments(415, "Unsupported Media Type", "", ProxmoxApiException.class, false));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("answers")
    void classifiesByStatusAndText(
            int status, String reason, String body, Class<? extends ProxmoxApiException> type, boolean retryable) {
        ProxmoxApiException e = PveErrorMapper.map(REQUEST, new PveResponse(status, reason, body));

        assertThat(e).isExactlyInstanceOf(type);
        assertThat(e.isRetryable()).isEqualTo(retryable);
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.getMessage()).startsWith("PUT /nodes/pve1/qemu/101/config failed: " + status);
    }

    @Test
    void bodyMessageWinsOverReasonPhrase() {
        ProxmoxApiException e = PveErrorMapper.map(
                REQUEST,
                new PveResponse(
                        500,
                        "VM is locked (backup)",
                        "{\"data\":null,\"message\":\"VM is locked (backup)\\nmore detail\\n\"}"));

        assertThat(e.getMessage()).endsWith("VM is locked (backup)\nmore detail");
        assertThat(((LockedException) e).lock()).contains("backup");
    }

    @Test
    void nonJsonErrorBodiesFallBackToTheReasonPhrase() {
        ProxmoxApiException e = PveErrorMapper.map(REQUEST, new PveResponse(500, "got timeout", "<html>oops</html>"));

        assertThat(e).isInstanceOf(TransientException.class);
        assertThat(e.getMessage()).endsWith("500 got timeout");
    }

    @Test
    void parameterErrorsOfSecretParametersAreScrubbed() {
        InvalidParameterException e = (InvalidParameterException)
                PveErrorMapper.map(
                        REQUEST,
                        new PveResponse(
                                400,
                                "Parameter verification failed.",
                                "{\"data\":null,\"errors\":{\"password\":\"value 'hunter2' too short\",\"name\":\"invalid\"}}"));

        assertThat(e.errors()).containsEntry("password", "***").containsEntry("name", "invalid");
        assertThat(e.getMessage()).doesNotContain("hunter2");
    }
}
