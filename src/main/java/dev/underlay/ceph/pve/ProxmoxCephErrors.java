package dev.underlay.ceph.pve;

import dev.underlay.ceph.CephApiException;
import dev.underlay.ceph.CephAuthenticationException;
import dev.underlay.ceph.CephConflictException;
import dev.underlay.ceph.CephInvalidRequestException;
import dev.underlay.ceph.CephNotFoundException;
import dev.underlay.ceph.CephPermissionDeniedException;
import dev.underlay.ceph.CephTlsVerificationException;
import dev.underlay.ceph.CephUnavailableException;
import dev.underlay.proxmox.AuthenticationException;
import dev.underlay.proxmox.ConflictException;
import dev.underlay.proxmox.InvalidParameterException;
import dev.underlay.proxmox.NotFoundException;
import dev.underlay.proxmox.PermissionDeniedException;
import dev.underlay.proxmox.ProxmoxApiException;
import dev.underlay.proxmox.TlsVerificationException;

/** Translates the Proxmox classification one to one; the original stays the cause (unavailable, TLS, generic). */
final class ProxmoxCephErrors {

    private ProxmoxCephErrors() {}

    static CephApiException translate(ProxmoxApiException e) {
        String message = e.getMessage();
        if (e instanceof NotFoundException) {
            return withCause(new CephNotFoundException(e.httpStatus(), message), e);
        }
        if (e instanceof ConflictException) {
            return withCause(new CephConflictException(e.httpStatus(), message, false), e);
        }
        if (e instanceof InvalidParameterException invalid) {
            String field =
                    invalid.errors().keySet().stream().sorted().findFirst().orElse(null);
            String detail = field == null
                    ? message
                    : message + " " + field + ": " + invalid.errors().get(field);
            return withCause(new CephInvalidRequestException(400, detail, field), e);
        }
        if (e instanceof AuthenticationException) {
            return withCause(new CephAuthenticationException(e.httpStatus(), message), e);
        }
        if (e instanceof PermissionDeniedException) {
            return withCause(new CephPermissionDeniedException(message), e);
        }
        if (e instanceof TlsVerificationException) {
            return new CephTlsVerificationException(message, e);
        }
        if (e.isRetryable()) {
            return new CephUnavailableException(e.httpStatus(), message, e);
        }
        return new CephApiException(e.httpStatus(), message, false, e);
    }

    private static CephApiException withCause(CephApiException translated, ProxmoxApiException cause) {
        translated.initCause(cause);
        return translated;
    }
}
