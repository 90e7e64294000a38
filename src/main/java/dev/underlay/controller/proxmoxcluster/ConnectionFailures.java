package dev.underlay.controller.proxmoxcluster;

import dev.underlay.api.v1alpha1.common.ConditionReasons;
import dev.underlay.api.v1alpha1.common.ConditionTypes;
import dev.underlay.controller.support.ConditionState;
import dev.underlay.proxmox.AuthenticationException;
import dev.underlay.proxmox.PermissionDeniedException;
import dev.underlay.proxmox.ProxmoxApiException;
import dev.underlay.proxmox.TlsVerificationException;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a failed connect or snapshot means for the ProxmoxCluster's conditions: one actionable reason on Ready and
 * Connected, and Quorate/Degraded Unknown because nothing was observed. Messages come from the client's exceptions,
 * which name method, path and the server's text but never a secret.
 */
final class ConnectionFailures {

    /** PVE's 403 text: "Permission check failed (/vms/100, VM.Audit)". */
    private static final Pattern PERMISSION_CHECK = Pattern.compile("\\((/[^,)]*),\\s*([^)]+)\\)");

    private ConnectionFailures() {}

    static List<ConditionState> conditions(ProxmoxApiException failure, ClusterAccess access) {
        String reason = reason(failure);
        String message = message(failure, access);
        boolean authenticated = failure instanceof PermissionDeniedException;
        ConditionState connected = authenticated
                ? ConditionState.isTrue(
                        ConditionTypes.CONNECTED,
                        ConditionReasons.AS_EXPECTED,
                        "authenticated as " + access.token().tokenId())
                : ConditionState.isFalse(ConditionTypes.CONNECTED, reason, message);
        String notObserved = "not observed: " + reason;
        return List.of(
                ConditionState.isFalse(ConditionTypes.READY, reason, message),
                connected,
                ConditionState.unknown(ConditionTypes.QUORATE, reason, notObserved),
                ConditionState.unknown(ConditionTypes.DEGRADED, reason, notObserved));
    }

    /** Settings the client refused before any call (e.g. a malformed fingerprint the API server let through). */
    static List<ConditionState> invalidSettings(IllegalArgumentException problem) {
        String message = "cannot build a Proxmox client: " + problem.getMessage();
        return List.of(
                ConditionState.isFalse(ConditionTypes.READY, ConditionReasons.INVALID_SPEC, message),
                ConditionState.unknown(ConditionTypes.CONNECTED, ConditionReasons.INVALID_SPEC, message));
    }

    static String reason(ProxmoxApiException failure) {
        if (failure instanceof AuthenticationException) {
            return ConditionReasons.AUTHENTICATION_FAILED;
        }
        if (failure instanceof PermissionDeniedException) {
            return ConditionReasons.PERMISSION_DENIED;
        }
        if (failure instanceof TlsVerificationException tls) {
            return tls.reason() == TlsVerificationException.Reason.FINGERPRINT_MISMATCH
                    ? ConditionReasons.TLS_FINGERPRINT_MISMATCH
                    : ConditionReasons.TLS_VERIFICATION_FAILED;
        }
        if (failure.httpStatus() == 0) {
            return ConditionReasons.ENDPOINTS_UNREACHABLE;
        }
        return ConditionReasons.PROXMOX_UNAVAILABLE;
    }

    private static String message(ProxmoxApiException failure, ClusterAccess access) {
        if (failure instanceof AuthenticationException) {
            return "Proxmox rejected API token " + access.token().tokenId() + " (401): check tokenId and tokenSecret "
                    + "in the credentials Secret, and that the token exists and has not expired";
        }
        if (failure instanceof PermissionDeniedException) {
            Matcher check = PERMISSION_CHECK.matcher(String.valueOf(failure.getMessage()));
            String missing = check.find() ? check.group(2).trim() + " on " + check.group(1) : failure.getMessage();
            return "the API token lacks " + missing + " (" + failure.getMessage() + ")";
        }
        if (failure instanceof TlsVerificationException tls) {
            return switch (tls.reason()) {
                case FINGERPRINT_MISMATCH ->
                    tls.getMessage() + "; update spec.tls.fingerprintSha256 if the "
                            + "certificate was renewed on purpose";
                case UNTRUSTED_CA, HOSTNAME_MISMATCH -> tls.getMessage() + "; check spec.tls.caSecretRef";
                default -> tls.getMessage();
            };
        }
        if (failure.httpStatus() == 0) {
            return "no endpoint of " + access.endpoints() + " answered: " + failure.getMessage();
        }
        return failure.getMessage();
    }
}
