package dev.underlay.proxmox.rest;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A {@link PveTransport} that records every request and answers from a script; no network involved. */
final class RecordingTransport implements PveTransport {

    private final List<PveRequest> requests = new CopyOnWriteArrayList<>();
    private volatile Function<PveRequest, PveResponse> script = r -> new PveResponse(200, "OK", "{\"data\":null}");

    static RecordingTransport answering(int status, String reason, String body) {
        return new RecordingTransport().respond(r -> new PveResponse(status, reason, body));
    }

    RecordingTransport respond(Function<PveRequest, PveResponse> answer) {
        this.script = answer;
        return this;
    }

    @Override
    public PveResponse exchange(PveRequest request) {
        requests.add(request);
        return script.apply(request);
    }

    List<PveRequest> requests() {
        return List.copyOf(requests);
    }

    PveRequest last() {
        return requests.get(requests.size() - 1);
    }
}
