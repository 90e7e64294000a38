package dev.underlay.ceph;

/** The pool (or other object) does not exist. */
public class CephNotFoundException extends CephApiException {

    public CephNotFoundException(int httpStatus, String message) {
        super(httpStatus, message, false);
    }
}
