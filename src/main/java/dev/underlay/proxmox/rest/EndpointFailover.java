package dev.underlay.proxmox.rest;

import dev.underlay.proxmox.ProxmoxApiException;
import io.quarkus.logging.Log;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tries a request on the endpoints of one cluster, starting with the one that last answered. A failure moves on
 * to the next endpoint only when the request cannot have run: no connection, or pveproxy reporting the target
 * node unreachable (59x); a read that timed out may also move on. Any real answer (including 4xx/5xx) ends the
 * search and makes that endpoint the preferred one.
 */
final class EndpointFailover<E> {

    /** Outcome of one attempt on one endpoint. */
    interface Attempt<E> {
        PveResponse run(E endpoint) throws AttemptFailure;
    }

    /** A failure on one endpoint, with whether another endpoint may be tried for this request. */
    static final class AttemptFailure extends Exception {
        private final ProxmoxApiException error;
        private final boolean failoverSafe;

        AttemptFailure(ProxmoxApiException error, boolean failoverSafe) {
            super(error.getMessage(), null, false, false);
            this.error = error;
            this.failoverSafe = failoverSafe;
        }

        ProxmoxApiException error() {
            return error;
        }

        boolean failoverSafe() {
            return failoverSafe;
        }
    }

    private final List<E> endpoints;
    private final AtomicInteger preferred = new AtomicInteger();

    EndpointFailover(List<E> endpoints) {
        this.endpoints = List.copyOf(endpoints);
    }

    E preferred() {
        return endpoints.get(preferred.get());
    }

    PveResponse execute(PveRequest request, Attempt<E> attempt) throws ProxmoxApiException {
        int start = preferred.get();
        PveResponse unreachableAnswer = null;
        ProxmoxApiException lastError = null;
        for (int i = 0; i < endpoints.size(); i++) {
            int index = (start + i) % endpoints.size();
            E endpoint = endpoints.get(index);
            try {
                PveResponse response = attempt.run(endpoint);
                if (response.status() >= 595 && endpoints.size() > 1) {
                    // pveproxy on this endpoint could not reach the target node; another endpoint may
                    Log.warnf(
                            "PVE endpoint %s: %s answered %d %s, trying the next endpoint",
                            endpoint, request.describe(), response.status(), response.reasonPhrase());
                    unreachableAnswer = response;
                    continue;
                }
                preferred.set(index);
                return response;
            } catch (AttemptFailure failure) {
                lastError = failure.error();
                if (!failure.failoverSafe()) {
                    throw failure.error();
                }
                Log.warnf("PVE endpoint %s unavailable for %s: %s", endpoint, request.describe(), failure.getMessage());
            }
        }
        if (unreachableAnswer != null) {
            return unreachableAnswer;
        }
        throw lastError;
    }
}
