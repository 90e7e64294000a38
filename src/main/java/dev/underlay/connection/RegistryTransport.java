package dev.underlay.connection;

import dev.underlay.proxmox.ProxmoxApiException;
import dev.underlay.proxmox.TransientException;
import dev.underlay.proxmox.rest.PveRequest;
import dev.underlay.proxmox.rest.PveResponse;
import dev.underlay.proxmox.rest.PveTransport;
import dev.underlay.simulator.pve.Credentials;
import dev.underlay.simulator.pve.PveSimulator;
import dev.underlay.simulator.pve.SimulatorTransport;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A ProxmoxCluster's endpoints resolved against the {@link SimulatorRegistry} at every call, like the REST transport's
 * failover: the first endpoint with a simulator registered answers, through the simulator's in-JVM facade
 * ({@link SimulatorTransport}) with its delays honoured (a refused token takes as long as PVE would make it). An
 * endpoint with nothing registered behaves like a host that does not answer.
 */
final class RegistryTransport implements PveTransport {

    private final List<String> endpoints;
    private final Function<String, Optional<PveSimulator>> simulators;
    private final Credentials credentials;
    private volatile String activeEndpoint;

    RegistryTransport(
            List<String> endpoints,
            Function<String, Optional<PveSimulator>> simulators,
            String tokenId,
            String tokenSecret) {
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
                return SimulatorTransport.of(simulator.get(), credentials)
                        .honouringDelays()
                        .exchange(request);
            }
        }
        throw new TransientException(
                0, request.describe() + ": cannot connect: no Proxmox VE simulator answers at " + endpoints, null);
    }

    /** The endpoint that answered last (the first one before any call). */
    String activeEndpoint() {
        return activeEndpoint;
    }
}
