package dev.underlay.proxmox;

/**
 * PVE 9 answered 500 "ha groups have been migrated to rules": this cluster only speaks HA rules now.
 * Not retryable: the caller must switch to the rules API.
 */
public class HaGroupsMigratedException extends ProxmoxApiException {

    public HaGroupsMigratedException(int httpStatus, String message) {
        super(httpStatus, message, false);
    }
}
