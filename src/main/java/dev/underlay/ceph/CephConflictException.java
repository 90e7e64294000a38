package dev.underlay.ceph;

/**
 * The request collides with the cluster's state: the pool already exists, or another operation on the same pool is
 * still running. The second case is retryable: the Ceph Dashboard silently drops a pool edit sent while an earlier
 * edit of that pool is running, so the client refuses it instead and the caller tries again later.
 */
public class CephConflictException extends CephApiException {

    public CephConflictException(int httpStatus, String message, boolean retryable) {
        super(httpStatus, message, retryable);
    }
}
