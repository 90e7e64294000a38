package dev.underlay.proxmox;

/** HTTP 501: the server does not know this method/path (e.g. HA rules on PVE 8), or a body was sent on GET/DELETE. */
public class NotImplementedException extends ProxmoxApiException {

    public NotImplementedException(String message) {
        super(501, message, false);
    }
}
