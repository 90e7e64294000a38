package dev.underlay.proxmox;

/**
 * HTTP 401: the API token was refused. PVE delays every 401 by about three seconds and sends no body, so
 * retrying in a loop only burns time; the credentials must change first.
 */
public class AuthenticationException extends ProxmoxApiException {

    public AuthenticationException(String message) {
        super(401, message, false);
    }
}
