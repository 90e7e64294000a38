package dev.underlay.simulator.pve;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error answer as PVE gives it: HTTP status, the message (whose first line becomes the
 * reason phrase), an optional per-parameter map, and whether the body is empty (401, 595).
 * Handlers throw it; the core turns it into a {@link SimResponse}.
 */
public final class PveError extends RuntimeException {

    private final int status;
    private final Map<String, String> paramErrors;
    private final boolean emptyBody;

    private PveError(int status, String message, Map<String, String> paramErrors, boolean emptyBody) {
        super(message, null, false, false);
        this.status = status;
        this.paramErrors = paramErrors;
        this.emptyBody = emptyBody;
    }

    /** A plain {@code die} in a PVE handler: HTTP 500 with the message. */
    public static PveError die(String message) {
        return new PveError(500, message, Map.of(), false);
    }

    public static PveError status(int status, String message) {
        return new PveError(status, message, Map.of(), false);
    }

    /** {@code raise_param_exc}: 400 "Parameter verification failed." with an errors map. */
    public static PveError params(Map<String, String> errors) {
        return new PveError(400, "Parameter verification failed.", new LinkedHashMap<>(errors), false);
    }

    public static PveError param(String name, String message) {
        return params(Map.of(name, message));
    }

    /** Answers sent before the JSON formatter runs: 401 and the proxy pseudo-statuses 595/596. */
    public static PveError emptyBody(int status, String reason) {
        return new PveError(status, reason, Map.of(), true);
    }

    public int status() {
        return status;
    }

    public Map<String, String> paramErrors() {
        return paramErrors;
    }

    public boolean emptyBodyAnswer() {
        return emptyBody;
    }

    /** The first line of the message, as pve-http-server puts it into the status line. */
    public String reasonPhrase() {
        String msg = getMessage();
        int nl = msg.indexOf('\n');
        return nl < 0 ? msg : msg.substring(0, nl);
    }
}
