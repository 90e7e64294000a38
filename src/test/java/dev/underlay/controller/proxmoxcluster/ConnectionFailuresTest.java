package dev.underlay.controller.proxmoxcluster;

import dev.underlay.api.v1alpha1.common.ConditionReasons;
import dev.underlay.api.v1alpha1.common.ConditionTypes;
import dev.underlay.controller.support.ConditionState;
import dev.underlay.proxmox.AuthenticationException;
import dev.underlay.proxmox.PermissionDeniedException;
import dev.underlay.proxmox.ProxmoxApiException;
import dev.underlay.proxmox.TlsVerificationException;
import dev.underlay.proxmox.TransientException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Each client failure becomes one actionable reason, and no message carries the token secret. */
class ConnectionFailuresTest {

    private static final String SECRET = "5ee9a4b1-0000-4000-8000-00000000c0de";
    private static final ClusterAccess ACCESS = new ClusterAccess(
            List.of("https://pve-1:8006"),
            new ApiToken("underlay@pve!operator", SECRET),
            "7",
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            false);

    @Test
    void eachFailureHasItsReason() {
        assertThat(ready(new AuthenticationException("GET /version: 401 authentication failure"))
                        .reason())
                .isEqualTo(ConditionReasons.AUTHENTICATION_FAILED);
        assertThat(ready(new TlsVerificationException(
                                TlsVerificationException.Reason.FINGERPRINT_MISMATCH,
                                "fingerprint AB:CD does not match",
                                null))
                        .reason())
                .isEqualTo(ConditionReasons.TLS_FINGERPRINT_MISMATCH);
        assertThat(ready(new TlsVerificationException(
                                TlsVerificationException.Reason.UNTRUSTED_CA, "server certificate not trusted", null))
                        .reason())
                .isEqualTo(ConditionReasons.TLS_VERIFICATION_FAILED);
        assertThat(ready(new TransientException(0, "GET /version via https://pve-1:8006: cannot connect"))
                        .reason())
                .isEqualTo(ConditionReasons.ENDPOINTS_UNREACHABLE);
        assertThat(ready(new TransientException(596, "GET /cluster/status: 596 broken pipe"))
                        .reason())
                .isEqualTo(ConditionReasons.PROXMOX_UNAVAILABLE);
    }

    @Test
    void permissionDeniedNamesPrivilegeAndPathAndKeepsConnectedTrue() {
        List<ConditionState> conditions = ConnectionFailures.conditions(
                new PermissionDeniedException("GET /cluster/status: 403 Permission check failed (/, Sys.Audit)"),
                ACCESS);
        ConditionState ready = conditions.get(0);
        assertThat(ready.reason()).isEqualTo(ConditionReasons.PERMISSION_DENIED);
        assertThat(ready.message()).startsWith("the API token lacks Sys.Audit on /");
        assertThat(conditions.get(1))
                .extracting(ConditionState::type, ConditionState::status)
                .containsExactly(ConditionTypes.CONNECTED, "True");
    }

    @Test
    void nothingObservedMeansQuorateAndDegradedUnknownAndNoSecretAnywhere() {
        List<ConditionState> conditions = ConnectionFailures.conditions(
                new AuthenticationException("GET /version: 401 authentication failure"), ACCESS);
        assertThat(conditions)
                .extracting(ConditionState::type)
                .containsExactly(
                        ConditionTypes.READY,
                        ConditionTypes.CONNECTED,
                        ConditionTypes.QUORATE,
                        ConditionTypes.DEGRADED);
        assertThat(conditions.get(1).status()).isEqualTo("False");
        assertThat(conditions.get(2).status()).isEqualTo("Unknown");
        assertThat(conditions.get(0).message()).contains("underlay@pve!operator");
        assertThat(conditions).allSatisfy(c -> assertThat(c.message()).doesNotContain(SECRET));
    }

    private static ConditionState ready(ProxmoxApiException failure) {
        return ConnectionFailures.conditions(failure, ACCESS).get(0);
    }
}
