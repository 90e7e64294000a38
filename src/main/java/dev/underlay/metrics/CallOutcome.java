package dev.underlay.metrics;

import dev.underlay.proxmox.AuthenticationException;
import dev.underlay.proxmox.ConflictException;
import dev.underlay.proxmox.InvalidParameterException;
import dev.underlay.proxmox.LockedException;
import dev.underlay.proxmox.NotFoundException;
import dev.underlay.proxmox.PermissionDeniedException;
import dev.underlay.proxmox.TlsVerificationException;
import dev.underlay.proxmox.TransientException;

/** The outcome tag of a Proxmox call: ok, or the class of its failure (a short, fixed vocabulary). */
public final class CallOutcome {

    public static final String OK = "ok";

    private CallOutcome() {}

    public static String of(Throwable failure) {
        if (failure == null) {
            return OK;
        }
        if (failure instanceof AuthenticationException) {
            return "auth_failed";
        }
        if (failure instanceof PermissionDeniedException) {
            return "permission_denied";
        }
        if (failure instanceof TlsVerificationException) {
            return "tls_failed";
        }
        if (failure instanceof NotFoundException) {
            return "not_found";
        }
        if (failure instanceof LockedException) {
            return "locked";
        }
        if (failure instanceof ConflictException) {
            return "conflict";
        }
        if (failure instanceof InvalidParameterException) {
            return "invalid_parameter";
        }
        if (failure instanceof TransientException transientFailure) {
            return transientFailure.httpStatus() == 0 ? "unreachable" : "unavailable";
        }
        return "error";
    }
}
