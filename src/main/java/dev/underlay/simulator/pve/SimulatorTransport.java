package dev.underlay.simulator.pve;

import dev.underlay.proxmox.ProxmoxApiException;
import dev.underlay.proxmox.TransientException;
import dev.underlay.proxmox.rest.PveRequest;
import dev.underlay.proxmox.rest.PveResponse;
import dev.underlay.proxmox.rest.PveTransport;
import dev.underlay.proxmox.rest.PveUpload;
import dev.underlay.proxmox.rest.PveWire;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link PveTransport} that hands each request straight to {@link PveSimulator#handle(SimRequest)}: the in-JVM
 * facade. It builds the same {@link SimRequest} the HTTPS facade builds from the wire (decoded path, string
 * parameters, the upload's name and size) so that both facades see identical calls.
 *
 * <p>{@link SimResponse#delay()} (injected latency, the ~3 s PVE holds back every 401) is ignored unless
 * {@link #honouringDelays()} is asked for: the in-JVM facade exists for fast planner and reconciler tests, and a
 * delay there would only slow them down; the HTTPS facade always applies it, and the embedded demo can opt in to see
 * latency faults the way an operator would.
 */
public final class SimulatorTransport implements PveTransport {

    private final PveSimulator simulator;
    private final Credentials credentials;
    private final boolean honourDelays;

    private SimulatorTransport(PveSimulator simulator, Credentials credentials, boolean honourDelays) {
        this.simulator = simulator;
        this.credentials = credentials;
        this.honourDelays = honourDelays;
    }

    /** Calls as the simulator's seeded operator API token. */
    public static SimulatorTransport of(PveSimulator simulator) {
        return of(simulator, simulator.operatorToken());
    }

    /** Calls with whatever credentials the caller presents (a wrong token, a ticket, none). */
    public static SimulatorTransport of(PveSimulator simulator, Credentials credentials) {
        return new SimulatorTransport(simulator, credentials, false);
    }

    /** The same transport, but every answer is held back by its {@link SimResponse#delay()} on the calling thread. */
    public SimulatorTransport honouringDelays() {
        return new SimulatorTransport(simulator, credentials, true);
    }

    public PveSimulator simulator() {
        return simulator;
    }

    @Override
    public PveResponse exchange(PveRequest request) throws ProxmoxApiException {
        SimResponse answer = simulator.handle(toSimRequest(request));
        if (honourDelays) {
            hold(request, answer.delay());
        }
        return new PveResponse(answer.status(), answer.reasonPhrase(), answer.bodyText());
    }

    SimRequest toSimRequest(PveRequest request) throws ProxmoxApiException {
        String path = "/" + String.join("/", PveWire.segments(request.path()));
        Map<String, List<String>> params = new LinkedHashMap<>();
        request.params()
                .entries()
                .forEach(e -> params.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                        .add(e.getValue()));
        PveUpload upload = request.upload();
        if (upload == null) {
            return new SimRequest(request.method().name(), path, params, credentials);
        }
        // pveproxy takes the file part's name as the "filename" parameter unless the form sent one
        params.putIfAbsent("filename", List.of(upload.filename()));
        return new SimRequest(request.method().name(), path, params, credentials, Optional.empty(), false)
                .withUpload(upload(upload));
    }

    private static SimRequest.Upload upload(PveUpload upload) throws ProxmoxApiException {
        long size = sizeOf(upload);
        if (size > SimRequest.Upload.KEPT_BYTES) {
            return new SimRequest.Upload(upload.filename(), size);
        }
        try {
            return new SimRequest.Upload(upload.filename(), size, Files.readAllBytes(upload.file()));
        } catch (IOException e) {
            throw new ProxmoxApiException(0, "cannot read the file to upload: " + e.getMessage(), false, e);
        }
    }

    private static long sizeOf(PveUpload upload) throws ProxmoxApiException {
        try {
            return Files.size(upload.file());
        } catch (IOException e) {
            throw new ProxmoxApiException(0, "cannot read the file to upload: " + e.getMessage(), false, e);
        }
    }

    private static void hold(PveRequest request, Duration delay) throws TransientException {
        if (delay.isZero() || delay.isNegative()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientException(0, request.describe() + ": interrupted while the simulator held the answer");
        }
    }
}
