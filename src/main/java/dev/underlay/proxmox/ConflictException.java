package dev.underlay.proxmox;

/**
 * The write lost a race: the config digest changed since it was read, or the VMID/object already exists.
 * Re-read and re-plan; retrying the same request blindly would repeat the conflict.
 */
public class ConflictException extends ProxmoxApiException {

    public ConflictException(int httpStatus, String message) {
        super(httpStatus, message, false);
    }
}
