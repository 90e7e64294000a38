package dev.underlay.ceph;

/**
 * Base of every failure reported by {@link CephApi}. Checked for the same reason as the Proxmox exceptions: the
 * caller must choose between waiting, retrying and giving up, and {@link #isRetryable()} is the hint for that.
 * Messages name the call and the server's text, never passwords or tokens.
 */
public class CephApiException extends Exception {

    private final int httpStatus;
    private final boolean retryable;

    public CephApiException(int httpStatus, String message, boolean retryable) {
        this(httpStatus, message, retryable, null);
    }

    public CephApiException(int httpStatus, String message, boolean retryable, Throwable cause) {
        // a null cause is left unset, so a backend can still attach the failure it translated (initCause)
        super(message);
        if (cause != null) {
            initCause(cause);
        }
        this.httpStatus = httpStatus;
        this.retryable = retryable;
    }

    /** The HTTP status of the answer, or 0 when no answer arrived or the client refused before sending. */
    public int httpStatus() {
        return httpStatus;
    }

    /** True when the same call may succeed later without any change on our side. */
    public boolean isRetryable() {
        return retryable;
    }
}
