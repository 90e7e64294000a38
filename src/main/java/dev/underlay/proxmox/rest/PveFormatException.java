package dev.underlay.proxmox.rest;

/** An answer the client cannot map (invalid JSON, a value of an impossible type). Turned into a checked error. */
final class PveFormatException extends RuntimeException {

    PveFormatException(String message) {
        super(message);
    }

    PveFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
