package dev.underlay.proxmox;

/**
 * Base of every failure reported by {@link ProxmoxApi}.
 *
 * <p>Checked on purpose (ARCHITECTURE.md rule 4): callers must decide between waiting, retrying and giving up.
 * {@link #isRetryable()} is the hint for that decision. Messages name the method and path and the server's text,
 * never request parameters, tokens, passwords or tickets.
 */
public class ProxmoxApiException extends Exception {

    private final int httpStatus;
    private final boolean retryable;

    public ProxmoxApiException(int httpStatus, String message, boolean retryable) {
        this(httpStatus, message, retryable, null);
    }

    public ProxmoxApiException(int httpStatus, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.retryable = retryable;
    }

    /** The HTTP status of the answer, or 0 when no answer arrived (connection, TLS or timeout failures). */
    public int httpStatus() {
        return httpStatus;
    }

    /** True when the same call may succeed later without any change on our side. */
    public boolean isRetryable() {
        return retryable;
    }
}
