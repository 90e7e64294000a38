package dev.underlay.connection;

import dev.underlay.proxmox.ProxmoxApiException;
import dev.underlay.proxmox.TransientException;
import dev.underlay.proxmox.rest.PveRequest;
import dev.underlay.proxmox.rest.PveResponse;
import dev.underlay.proxmox.rest.PveTransport;
import dev.underlay.proxmox.rest.PveWire;
import dev.underlay.simulator.pve.Credentials;
import dev.underlay.simulator.pve.PveSimulator;
import dev.underlay.simulator.pve.SimRequest;
import dev.underlay.simulator.pve.SimResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@link PveTransport} straight into an in-JVM {@link PveSimulator}: the same requests the HTTPS facade would
 * decode, without sockets or TLS. Endpoints are tried in order, like the REST transport's failover: the first one
 * with a simulator behind it answers. Latency the simulator asks for (injected faults, the delay before a 401) is
 * applied here, as the HTTP facade would.
 */
public final class SimulatorTransport implements PveTransport {

    private final List<String> endpoints;
    private final Function<String, Optional<PveSimulator>> simulators;
    private final Credentials credentials;
    private volatile String activeEndpoint;

    public SimulatorTransport(List<String> endpoints, Function<String, Optional<PveSimulator>> simulators,
                              String tokenId, String tokenSecret) {
        this.endpoints = List.copyOf(endpoints);
        this.simulators = simulators;
        this.credentials = Credentials.token(tokenId, tokenSecret);
        this.activeEndpoint = endpoints.isEmpty() ? null : endpoints.get(0);
    }

    @Override
    public PveResponse exchange(PveRequest request) throws ProxmoxApiException {
        for (String endpoint : endpoints) {
            Optional<PveSimulator> simulator = simulators.apply(endpoint);
            if (simulator.isPresent()) {
                activeEndpoint = endpoint;
                SimResponse response = simulator.get().handle(toSimulator(request));
                holdBack(response.delay());
                return new PveResponse(response.status(), response.reasonPhrase(), response.bodyText());
            }
        }
        throw new TransientException(0, request.describe() + ": cannot connect: no Proxmox VE simulator answers at "
                + endpoints, null);
    }

    /** The endpoint that answered last (the first one before any call). */
    public String activeEndpoint() {
        return activeEndpoint;
    }

    private SimRequest toSimulator(PveRequest request) {
        String path = "/" + String.join("/", PveWire.segments(request.path()));
        Map<String, List<String>> params = new LinkedHashMap<>();
        request.params().entries().forEach(e -> params.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                .add(e.getValue()));
        SimRequest simRequest = new SimRequest(request.method().name(), path, params, credentials);
        if (request.upload() != null) {
            try {
                simRequest = simRequest.withUpload(new SimRequest.Upload(request.upload().filename(),
                        Files.size(request.upload().file())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return simRequest;
    }

    private static void holdBack(Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
