package dev.underlay.connection;

import dev.underlay.proxmox.rest.PveRestApi;

/**
 * In-JVM simulators registered under endpoint URLs ({@link SimulatorRegistry}): the same client code as REST, minus
 * sockets and TLS, so operator tests run fast. TLS settings do not apply.
 */
final class SimulatorBackend implements ApiBackend {

    private final SimulatorRegistry registry;

    SimulatorBackend(SimulatorRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Opened open(ConnectionRequest request) {
        RegistryTransport transport =
                new RegistryTransport(request.endpoints(), registry::find, request.tokenId(), request.tokenSecret());
        return new Opened(new PveRestApi(transport), transport::activeEndpoint);
    }
}
