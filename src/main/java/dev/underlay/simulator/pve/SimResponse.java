package dev.underlay.simulator.pve;

import java.time.Duration;
import java.util.Optional;

/**
 * What the simulator answers. {@code jsonBody} is the complete serialized body
 * ({@code {"data":...}} envelope included) or empty where PVE sends no body at all (401, 595).
 * {@code delay} tells a facade how long to hold the answer back (injected latency, the ~3 s PVE
 * waits before every 401); the core itself never sleeps.
 */
public record SimResponse(int status, String reasonPhrase, Optional<String> jsonBody, Duration delay) {

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** The body or {@code ""}. */
    public String bodyText() {
        return jsonBody.orElse("");
    }
}
