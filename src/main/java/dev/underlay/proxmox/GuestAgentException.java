package dev.underlay.proxmox;

import java.util.Optional;

/**
 * The QEMU guest agent could not answer: either it is not running (HTTP 500, retryable: it may still be booting)
 * or the agent itself reported an error inside a 200 answer ({@code result.error.class}, not retryable).
 */
public class GuestAgentException extends ProxmoxApiException {

    private final String agentErrorClass;

    public GuestAgentException(int httpStatus, String message, String agentErrorClass, boolean retryable) {
        super(httpStatus, message, retryable);
        this.agentErrorClass = agentErrorClass;
    }

    /** The QGA error class ({@code Unsupported}, {@code GenericError}, ...) when the agent answered. */
    public Optional<String> agentErrorClass() {
        return Optional.ofNullable(agentErrorClass);
    }
}
