package dev.underlay.proxmox;

/**
 * Raised by the client before anything is sent: the request uses an endpoint or parameter that the cluster's PVE
 * version does not have (PVE rejects unknown parameters with 400, so sending it could only fail).
 */
public class UnsupportedByVersionException extends ProxmoxApiException {

    public UnsupportedByVersionException(String message) {
        super(0, message, false);
    }
}
