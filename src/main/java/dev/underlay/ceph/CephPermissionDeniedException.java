package dev.underlay.ceph;

/** HTTP 403: the user is known but its role lacks the permission (e.g. {@code pool: update}). */
public class CephPermissionDeniedException extends CephApiException {

    public CephPermissionDeniedException(String message) {
        super(403, message, false);
    }
}
