package dev.underlay.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import dev.underlay.config.UnderlayConfig;
import dev.underlay.connection.SimulatorRegistry;
import dev.underlay.simulator.pve.PveSimulator;
import dev.underlay.simulator.pve.PveVersion;
import dev.underlay.simulator.pve.http.PveHttpServer;
import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

/**
 * The Proxmox VE side of embedded mode: the seeded homelab simulator over HTTPS on 127.0.0.1, with a certificate made
 * at start. The example ProxmoxClusters are pointed at it with that certificate pinned, so the operator reaches it
 * through the same REST client and TLS checks as a real cluster. It is also registered for the in-JVM simulator
 * backend under the same URL, so either backend finds it.
 */
@Singleton
public class EmbeddedProxmox {

    @Inject
    UnderlayConfig config;

    @Inject
    SimulatorRegistry registry;

    private PveHttpServer server;

    public boolean enabled() {
        return config.embedded().enabled() && config.embedded().simulator().enabled();
    }

    public synchronized PveHttpServer ensureStarted() {
        if (server == null) {
            UnderlayConfig.EmbeddedSimulator settings = config.embedded().simulator();
            PveSimulator simulator = PveSimulator.homelab(PveVersion.parse(settings.version()));
            server = PveHttpServer.start(simulator, settings.port());
            registry.register(endpoint(server), simulator);
            Log.infof(
                    "Embedded mode: Proxmox VE simulator %s (cluster homelab-pve: pve-ms01-01, pve-ms01-02, "
                            + "pve-aimax-01, Ceph with 6 OSDs) on %s, certificate SHA-256 %s",
                    simulator.version().version(), endpoint(server), server.fingerprint());
        }
        return server;
    }

    public synchronized Optional<PveHttpServer> running() {
        return Optional.ofNullable(server);
    }

    /** The examples with their ProxmoxClusters and token Secrets pointed at the simulator; each change is logged. */
    List<JsonNode> pointExamplesAtSimulator(List<JsonNode> manifests) {
        PveHttpServer started = ensureStarted();
        PveSimulator.SeedCredentials credentials = started.simulator().credentials();
        ExamplesOnSimulator.Rewritten rewritten = ExamplesOnSimulator.rewrite(
                manifests, endpoint(started), started.fingerprint(), credentials.tokenId(), credentials.tokenSecret());
        rewritten.notes().forEach(note -> Log.infof("Embedded mode: %s", note));
        return rewritten.manifests();
    }

    private static String endpoint(PveHttpServer server) {
        return "https://127.0.0.1:" + server.port();
    }

    @PreDestroy
    synchronized void stop() {
        if (server != null) {
            registry.unregister(endpoint(server));
            server.close();
            server = null;
        }
    }
}
