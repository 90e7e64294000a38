package dev.underlay.proxmox;

/**
 * The server certificate was not accepted. {@link #reason()} tells a CA problem from a fingerprint-pin mismatch
 * and a hostname mismatch, because each needs a different fix in the ProxmoxCluster spec.
 */
public class TlsVerificationException extends ProxmoxApiException {

    public enum Reason {
        /** The chain does not lead to the configured CA bundle (or the system trust store). */
        UNTRUSTED_CA,
        /** The leaf certificate's SHA-256 fingerprint differs from the pinned one. */
        FINGERPRINT_MISMATCH,
        /** The certificate is trusted but issued for another host name / IP. */
        HOSTNAME_MISMATCH,
        /** Any other handshake failure (protocol, cipher, malformed certificate). */
        HANDSHAKE_FAILED
    }

    private final Reason reason;

    public TlsVerificationException(Reason reason, String message, Throwable cause) {
        super(0, message, false, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
