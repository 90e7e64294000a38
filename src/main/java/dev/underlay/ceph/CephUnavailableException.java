package dev.underlay.ceph;

/**
 * Ceph or the network cannot answer for now: 5xx, timeouts, refused connections, client-side rate limits, or an
 * operation still running when the client stopped waiting for it. Always retryable.
 */
public class CephUnavailableException extends CephApiException {

    public CephUnavailableException(int httpStatus, String message) {
        super(httpStatus, message, true);
    }

    public CephUnavailableException(int httpStatus, String message, Throwable cause) {
        super(httpStatus, message, true, cause);
    }
}
