package dev.underlay.ceph;

/** The credentials were refused (login failed, or a fresh token was refused again); they must change first. */
public class CephAuthenticationException extends CephApiException {

    public CephAuthenticationException(int httpStatus, String message) {
        super(httpStatus, message, false);
    }
}
