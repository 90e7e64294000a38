package dev.underlay.proxmox;

/**
 * The object does not exist: HTTP 404, or the 500 texts PVE uses for missing VMs, storages, nodes, HA objects,
 * pools and tasks.
 */
public class NotFoundException extends ProxmoxApiException {

    public NotFoundException(int httpStatus, String message) {
        super(httpStatus, message, false);
    }
}
