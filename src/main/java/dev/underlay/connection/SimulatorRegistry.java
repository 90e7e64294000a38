package dev.underlay.connection;

import dev.underlay.simulator.pve.PveSimulator;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-JVM Proxmox VE simulators the {@code simulator} backend connects to, keyed by the endpoint URL a
 * ProxmoxCluster lists. Tests and the demo register a simulator under a URL and point a ProxmoxCluster at it; an
 * endpoint with nothing registered behaves like a host that does not answer.
 */
@ApplicationScoped
public class SimulatorRegistry {

    private final Map<String, PveSimulator> byEndpoint = new ConcurrentHashMap<>();

    public void register(String endpoint, PveSimulator simulator) {
        byEndpoint.put(normalize(endpoint), simulator);
    }

    public void unregister(String endpoint) {
        byEndpoint.remove(normalize(endpoint));
    }

    public Optional<PveSimulator> find(String endpoint) {
        return Optional.ofNullable(byEndpoint.get(normalize(endpoint)));
    }

    /** scheme://host:port, lower case, without a trailing slash or an /api2/json suffix. */
    static String normalize(String endpoint) {
        URI uri = URI.create(endpoint.trim());
        String scheme = uri.getScheme() == null ? "https" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? endpoint.trim() : uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort() < 0 ? 8006 : uri.getPort();
        return scheme + "://" + host + ":" + port;
    }
}
