package dev.underlay.controller.proxmoxcluster;

import dev.underlay.api.v1alpha1.UnderlayApi;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.connection.SimulatorRegistry;
import dev.underlay.simulator.pve.PveSimulator;
import dev.underlay.simulator.pve.http.PveHttpServer;
import dev.underlay.simulator.pve.journal.JournalEntry;
import dev.underlay.testing.Fixtures;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One test's Proxmox cluster: a simulator registered under an endpoint URL of its own (so tests never see each other's
 * simulators), the credentials Secret for its seeded token, and a ProxmoxCluster pointing at it.
 */
public final class SimulatedCluster implements AutoCloseable {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    public final PveSimulator simulator;
    public final String namespace;
    public final String endpoint;
    private final PveHttpServer server;
    private final String tls;

    private SimulatedCluster(PveSimulator simulator, String namespace, PveHttpServer server) {
        this.simulator = simulator;
        this.namespace = namespace;
        this.server = server;
        this.endpoint =
                server == null ? "https://" + namespace + ".sim.test:8006" : "https://127.0.0.1:" + server.port();
        this.tls = server == null ? "" : "tls: {fingerprintSha256: \"" + server.fingerprint() + "\"}";
    }

    /** Registers the simulator; PVE's three-second delay before a 401 is cut to a few milliseconds. */
    public static SimulatedCluster register(SimulatorRegistry registry, String namespace, PveSimulator simulator) {
        SimulatedCluster cluster =
                new SimulatedCluster(simulator.authFailureDelay(Duration.ofMillis(20)), namespace, null);
        registry.register(cluster.endpoint, simulator);
        return cluster;
    }

    /** The simulator behind its HTTPS facade on 127.0.0.1, reached by the REST backend with the certificate pinned. */
    public static SimulatedCluster serveOverHttps(String namespace, PveSimulator simulator) {
        simulator.authFailureDelay(Duration.ofMillis(20));
        return new SimulatedCluster(simulator, namespace, PveHttpServer.start(simulator, 0));
    }

    public Secret tokenSecret(String name) {
        return tokenSecret(name, simulator.credentials().tokenSecret());
    }

    public Secret tokenSecret(String name, String tokenSecret) {
        return Fixtures.secret(
                namespace, name, Map.of("tokenId", simulator.credentials().tokenId(), "tokenSecret", tokenSecret));
    }

    /** A ProxmoxCluster on this simulator; {@code moreSpec} is YAML indented for the spec block. */
    public ProxmoxCluster resource(String name, String credentialsSecret, String moreSpec) {
        return SERIALIZATION.unmarshal(
                """
                apiVersion: %s
                kind: ProxmoxCluster
                metadata: {name: %s, namespace: %s}
                spec:
                  endpoints: ["%s"]
                  credentialsSecretRef: {name: %s}
                  %s
                %s
                """.formatted(
                        UnderlayApi.API_VERSION, name, namespace, endpoint, credentialsSecret, tls, moreSpec.indent(2)),
                ProxmoxCluster.class);
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }

    /** Journal entries from position {@code from} on. */
    public List<JournalEntry> journalSince(int from) {
        List<JournalEntry> all = simulator.journal().entries();
        return all.subList(Math.min(from, all.size()), all.size());
    }

    public int journalSize() {
        return simulator.journal().entries().size();
    }
}
