package dev.underlay.proxmox.rest;

import dev.underlay.proxmox.TlsVerificationException;

import java.security.cert.CertificateException;

/**
 * Thrown by our trust managers so the transport can tell, from deep inside a TLS handshake failure, why the
 * certificate was refused.
 */
final class TrustFailure extends CertificateException {

    private final TlsVerificationException.Reason reason;

    TrustFailure(TlsVerificationException.Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    TlsVerificationException.Reason reason() {
        return reason;
    }
}
