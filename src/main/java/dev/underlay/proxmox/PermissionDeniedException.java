package dev.underlay.proxmox;

/** HTTP 403 "Permission check failed (...)": the token lacks a privilege on a path. */
public class PermissionDeniedException extends ProxmoxApiException {

    public PermissionDeniedException(String message) {
        super(403, message, false);
    }
}
