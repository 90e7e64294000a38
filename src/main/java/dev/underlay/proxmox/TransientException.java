package dev.underlay.proxmox;

/**
 * The cluster or the network is (for now) unable to answer: unclassified 5xx, the 595/596 pseudo-statuses
 * pveproxy returns when the target node is unreachable, timeouts, refused connections, TLS handshake timeouts and
 * the client-side limits of this library. Always retryable.
 */
public class TransientException extends ProxmoxApiException {

    public TransientException(int httpStatus, String message) {
        super(httpStatus, message, true);
    }

    public TransientException(int httpStatus, String message, Throwable cause) {
        super(httpStatus, message, true, cause);
    }
}
