package dev.underlay.connection;

import dev.underlay.config.UnderlayConfig;
import dev.underlay.metrics.PveCallMetrics;
import dev.underlay.observe.ClusterKey;
import dev.underlay.observe.SnapshotStore;
import dev.underlay.proxmox.ProxmoxApi;
import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One cached Proxmox client per ProxmoxCluster. The cluster controller connects on every resync; the client is reused
 * while the cluster's uid, credentials Secret version, endpoints and TLS settings stay the same, and rebuilt (the old
 * one closed) when any of them changes, so a rotated token takes effect without restarting the operator, and once it
 * is older than {@code underlay.proxmox.client-refresh}, so a PVE upgrade or a newly granted privilege is noticed.
 * The child controllers take the client the cluster controller opened with {@link #api(ClusterKey)}.
 *
 * <p>Every client handed out is wrapped twice: the {@link QuorumGate} outside (refused writes never count as Proxmox
 * calls), the call metrics inside.
 */
@ApplicationScoped
public class ProxmoxConnections {

    private final Map<ClusterKey, ClusterConnection> open = new ConcurrentHashMap<>();

    @Inject
    UnderlayConfig config;

    @Inject
    SimulatorRegistry simulators;

    @Inject
    SnapshotStore snapshots;

    @Inject
    PveCallMetrics metrics;

    @Inject
    Clock clock;

    /** The cluster's client, built now if there is none or the identity changed. */
    public ClusterConnection connect(ClusterKey cluster, ConnectionRequest request) {
        ConnectionRequest.Identity identity = request.identity();
        Instant now = clock.instant();
        ClusterConnection[] replaced = new ClusterConnection[1];
        ClusterConnection connection = open.compute(cluster, (key, current) -> {
            if (current != null && current.identity().equals(identity) && !isDueForRefresh(current, now)) {
                return current;
            }
            replaced[0] = current;
            return build(cluster, request, now);
        });
        if (replaced[0] != null) {
            Log.infof(
                    "ProxmoxCluster %s: %s; Proxmox client rebuilt",
                    cluster,
                    replaced[0].identity().equals(identity)
                            ? "client older than " + config.proxmox().clientRefresh()
                                    + ", version and privileges are read again"
                            : "credentials, endpoints or TLS settings changed");
            replaced[0].close();
        }
        return connection;
    }

    /** The client the cluster controller opened for this cluster, if it did. */
    public Optional<ProxmoxApi> api(ClusterKey cluster) {
        return Optional.ofNullable(open.get(cluster)).map(ClusterConnection::api);
    }

    /** Closes and forgets the client of a deleted cluster. */
    public void disconnect(ClusterKey cluster) {
        ClusterConnection connection = open.remove(cluster);
        if (connection != null) {
            connection.close();
            Log.infof("ProxmoxCluster %s: Proxmox client closed", cluster);
        }
    }

    @PreDestroy
    void closeAll() {
        open.keySet().forEach(this::disconnect);
    }

    private boolean isDueForRefresh(ClusterConnection connection, Instant now) {
        return !connection.builtAt().plus(config.proxmox().clientRefresh()).isAfter(now);
    }

    private ClusterConnection build(ClusterKey cluster, ConnectionRequest request, Instant now) {
        ApiBackend backend = config.backend() == UnderlayConfig.Backend.simulator
                ? new SimulatorBackend(simulators)
                : new RestBackend(config.proxmox());
        ApiBackend.Opened opened = backend.open(request);
        ProxmoxApi metered = MeteredApi.measure(cluster, opened.api(), metrics);
        ProxmoxApi gated = WriteNotifier.notifying(
                cluster,
                QuorumGate.guard(cluster, metered, () -> snapshots.latest(cluster), metrics::refused),
                snapshots::requestRefresh);
        metrics.connectionBuilt(cluster);
        Log.infof(
                "ProxmoxCluster %s: Proxmox client built (%s backend, endpoints %s)",
                cluster, config.backend(), request.endpoints());
        return new ClusterConnection(cluster, request.identity(), gated, opened.api(), opened.activeEndpoint(), now);
    }
}
