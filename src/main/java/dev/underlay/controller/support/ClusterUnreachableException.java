package dev.underlay.controller.support;

/** Why a cleanup could not reach its Proxmox cluster; the message is safe to show (no secret in it). */
public final class ClusterUnreachableException extends Exception {

    public ClusterUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
