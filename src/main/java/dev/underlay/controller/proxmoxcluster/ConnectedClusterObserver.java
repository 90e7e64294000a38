package dev.underlay.controller.proxmoxcluster;

import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.config.UnderlayConfig;
import dev.underlay.connection.ClusterConnection;
import dev.underlay.connection.ConnectionRequest;
import dev.underlay.connection.ProxmoxConnections;
import dev.underlay.connection.QuorumLostException;
import dev.underlay.controller.support.EventPublisher;
import dev.underlay.metrics.ClusterMetrics;
import dev.underlay.observe.ClusterKey;
import dev.underlay.observe.ClusterSnapshot;
import dev.underlay.observe.ClusterSnapshotTaker;
import dev.underlay.observe.SnapshotStore;
import dev.underlay.proxmox.ProxmoxApiException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ProxmoxCluster observer: connect (cached client per cluster), take one snapshot, publish it to the
 * {@link SnapshotStore} (which wakes the children whose observation changed and moves the quorum gate), update the
 * cluster metrics, let the HA layout and maintenance syncs take their step through the quorum-gated client when
 * {@link SyncCadence} says one is due, and judge the result into conditions and status fields.
 */
@ApplicationScoped
public class ConnectedClusterObserver implements ClusterObserver {

    static final String INSECURE_EVENT_REASON = "InsecureSkipVerify";

    @Inject
    ProxmoxConnections connections;

    @Inject
    SnapshotStore snapshots;

    @Inject
    ClusterMetrics metrics;

    @Inject
    HaLayoutSync haLayout;

    @Inject
    MaintenanceSync maintenance;

    @Inject
    EventPublisher events;

    @Inject
    SyncCadence cadence;

    @Inject
    ConditionTransitionEvents transitions;

    @Inject
    UnderlayConfig config;

    @Inject
    Clock clock;

    @Override
    public ClusterObservation observe(ProxmoxCluster cluster, ClusterAccess access) {
        ClusterKey key = ClusterKey.of(cluster);
        ClusterConnection connection;
        try {
            connection = connect(cluster, access);
        } catch (IllegalArgumentException invalid) {
            Log.warnf("ProxmoxCluster %s: %s", key, invalid.getMessage());
            return new ClusterObservation(
                    ConnectionFailures.invalidSettings(invalid),
                    status -> {},
                    config.resync().waiting());
        }

        ClusterSnapshot snapshot;
        ClusterConnection.Handshake handshake;
        try {
            handshake = connection.handshake();
            long start = System.nanoTime();
            snapshot = new ClusterSnapshotTaker(clock).take(key, connection.api(), handshake.version());
            metrics.snapshotTaken(snapshot, Duration.ofNanos(System.nanoTime() - start));
        } catch (ProxmoxApiException failure) {
            Log.infof(
                    "ProxmoxCluster %s: no snapshot: %s: %s",
                    key, ConnectionFailures.reason(failure), failure.getMessage());
            metrics.unreachable(key);
            return new ClusterObservation(
                    ConnectionFailures.conditions(failure, access),
                    status -> {},
                    config.resync().waiting());
        }
        snapshots.publish(snapshot);
        metrics.refreshNotBackedUp(key, connection.api());

        Syncs syncs = runSyncs(cluster, connection, snapshot);
        ClusterView view = new ClusterView(
                snapshot,
                PrivilegeTable.missing(
                        PrivilegeTable.enabledBy(cluster.getSpec()), handshake.version(), handshake.permissions()),
                syncs.ha(),
                syncs.maintenance(),
                syncs.problems(),
                connection.activeEndpoint());
        return new ClusterObservation(
                ProxmoxClusterStatusBuilder.conditions(cluster.getSpec(), view),
                status -> ProxmoxClusterStatusBuilder.fields(status, cluster.getSpec(), view),
                nextCheck(snapshot, syncs));
    }

    /** The cached client; a new one with insecureSkipVerify is announced by a Warning Event, once. */
    private ClusterConnection connect(ProxmoxCluster cluster, ClusterAccess access) {
        ClusterConnection connection = connections.connect(ClusterKey.of(cluster), request(cluster, access));
        if (connection.firstUse() && access.insecureSkipVerify()) {
            events.publish(
                    cluster,
                    EventPublisher.WARNING,
                    INSECURE_EVENT_REASON,
                    "TLS certificate verification is "
                            + "off for " + access.endpoints()
                            + " (spec.tls.insecureSkipVerify): anyone on the path can read "
                            + "the API token; pin the certificate with spec.tls.fingerprintSha256 instead");
        }
        return connection;
    }

    /** The HA layout step when {@link SyncCadence} says it is due, and the maintenance step. */
    private Syncs runSyncs(ProxmoxCluster cluster, ClusterConnection connection, ClusterSnapshot snapshot) {
        ClusterKey key = snapshot.cluster();
        List<String> problems = new ArrayList<>();
        Optional<HaLayoutOutcome> ha = Optional.empty();
        if (cadence.haLayoutDue(cluster, snapshot)) {
            ha = step("HA layout", key, problems, () -> haLayout.sync(cluster, connection.api(), snapshot));
            cadence.haLayoutRan(cluster, snapshot, ha);
        }
        Optional<MaintenanceOutcome> maintenanceOutcome =
                step("maintenance", key, problems, () -> maintenance.sync(cluster, connection.api(), snapshot));
        maintenanceOutcome.ifPresent(outcome -> transitions.publishNodes(cluster, outcome));
        return new Syncs(ha, maintenanceOutcome, problems);
    }

    /**
     * Short while something moves (tasks running, a node being drained, HA objects just written), long when calm: the
     * cluster is watched closely only while it changes.
     */
    private Duration nextCheck(ClusterSnapshot snapshot, Syncs syncs) {
        boolean busy = !snapshot.runningTasks().isEmpty()
                || syncs.maintenance().map(MaintenanceOutcome::inProgress).orElse(false)
                || syncs.ha().map(HaLayoutOutcome::changed).orElse(false);
        return busy ? config.resync().busy() : config.resync().calm();
    }

    /**
     * Runs one sync step. The quorum gate refusing a write is expected while quorum is lost (status already says
     * QuorumLost); any other failure is reported as Degraded. Either way the step's last status stays.
     */
    private static <T> Optional<T> step(String what, ClusterKey key, List<String> problems, Step<T> step) {
        try {
            return Optional.of(step.run());
        } catch (QuorumLostException gateClosed) {
            Log.debugf("ProxmoxCluster %s: %s step held back: %s", key, what, gateClosed.getMessage());
            return Optional.empty();
        } catch (ProxmoxApiException failure) {
            Log.warnf("ProxmoxCluster %s: %s step failed: %s", key, what, failure.getMessage());
            problems.add(what + ": " + failure.getMessage());
            return Optional.empty();
        } catch (KubernetesClientException failure) {
            // maintenance cordons and drains Kubernetes nodes; the API server failing is no reason to lose the snapshot
            Log.warnf("ProxmoxCluster %s: %s step failed on the Kubernetes API: %s", key, what, failure.getMessage());
            problems.add(what + ": Kubernetes API: " + failure.getMessage());
            return Optional.empty();
        }
    }

    static ConnectionRequest request(ProxmoxCluster cluster, ClusterAccess access) {
        return new ConnectionRequest(
                cluster.getMetadata().getUid(),
                access.endpoints(),
                access.token().tokenId(),
                access.token().tokenSecret(),
                access.credentialsVersion(),
                access.caBundlePem(),
                access.caVersion(),
                access.fingerprintSha256(),
                access.insecureSkipVerify());
    }

    /** What the sync steps of one resync produced; an empty outcome keeps the step's last status. */
    private record Syncs(
            Optional<HaLayoutOutcome> ha, Optional<MaintenanceOutcome> maintenance, List<String> problems) {}

    @FunctionalInterface
    private interface Step<T> {
        T run() throws ProxmoxApiException;
    }
}
