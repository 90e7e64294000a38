package dev.underlay.ceph;

/** The server certificate was not accepted (CA bundle or SHA-256 pin); the connection settings must change. */
public class CephTlsVerificationException extends CephApiException {

    public CephTlsVerificationException(String message, Throwable cause) {
        super(0, message, false, cause);
    }
}
