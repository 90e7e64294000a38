package dev.underlay.proxmox;

import java.util.Map;

/** HTTP 400 "Parameter verification failed.": the request itself is wrong; retrying it cannot help. */
public class InvalidParameterException extends ProxmoxApiException {

    private final Map<String, String> errors;

    public InvalidParameterException(String message, Map<String, String> errors) {
        super(400, message, false);
        this.errors = Map.copyOf(errors);
    }

    /** Per-parameter error texts as PVE reports them (keys may be nested, e.g. {@code ipconfig0.gw}). */
    public Map<String, String> errors() {
        return errors;
    }
}
