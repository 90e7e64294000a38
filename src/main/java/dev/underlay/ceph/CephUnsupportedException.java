package dev.underlay.ceph;

/** This backend cannot do the call at all (the API behind it has no such endpoint); nothing was sent. */
public class CephUnsupportedException extends CephApiException {

    public CephUnsupportedException(String message) {
        super(0, message, false);
    }
}
