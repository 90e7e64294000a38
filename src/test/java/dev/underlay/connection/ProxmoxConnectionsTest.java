package dev.underlay.connection;

import dev.underlay.config.UnderlayConfig;
import dev.underlay.metrics.PveCallMetrics;
import dev.underlay.observe.ClusterKey;
import dev.underlay.observe.SnapshotStore;
import dev.underlay.observe.Snapshots;
import dev.underlay.proxmox.AuthenticationException;
import dev.underlay.proxmox.model.CephFlag;
import dev.underlay.simulator.pve.ManualClock;
import dev.underlay.simulator.pve.PveSimulator;
import dev.underlay.simulator.pve.PveVersion;
import dev.underlay.simulator.pve.journal.JournalEntry;
import dev.underlay.testing.UnderlayConfigStub;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The client cache against an in-JVM simulator: one client per cluster while nothing changes, a new one (the old closed)
 * when the credentials Secret's version changes, the decorators in place, the handshake once per client.
 */
class ProxmoxConnectionsTest {

    private static final String ENDPOINT = "https://pve-1.test:8006";

    private final PveSimulator simulator =
            PveSimulator.homelab(PveVersion.PVE_9_1).authFailureDelay(Duration.ZERO);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ProxmoxConnections connections = new ProxmoxConnections();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-25T12:00:00Z"));

    @BeforeEach
    void wire() {
        connections.config = UnderlayConfigStub.of(Map.of("backend", UnderlayConfig.Backend.simulator));
        connections.simulators = new SimulatorRegistry();
        connections.simulators.register(ENDPOINT, simulator);
        connections.snapshots = new SnapshotStore();
        connections.metrics = new PveCallMetrics(registry);
        connections.clock = clock;
    }

    @Test
    void sameIdentityReusesTheClientAndTheHandshakeRunsOnce() throws Exception {
        ClusterConnection first = connections.connect(Snapshots.CLUSTER, request("1", secret()));
        first.handshake();
        ClusterConnection second = connections.connect(Snapshots.CLUSTER, request("1", secret()));
        second.handshake();

        assertThat(second).isSameAs(first);
        assertThat(second.handshake().version().major()).isEqualTo(9);
        assertThat(simulator.journal().count("GET", "/version")).isEqualTo(1);
        assertThat(simulator.journal().count("GET", "/access/permissions")).isEqualTo(1);
        assertThat(connections.api(Snapshots.CLUSTER)).containsSame(first.api());
        assertThat(registry.get(PveCallMetrics.CONNECTIONS).counter().count()).isEqualTo(1);
    }

    @Test
    void anAgedClientIsRebuiltSoVersionAndPrivilegesAreReadAgain() throws Exception {
        ClusterConnection first = connections.connect(Snapshots.CLUSTER, request("1", secret()));
        first.handshake();

        clock.advance(Duration.ofMinutes(29));
        assertThat(connections.connect(Snapshots.CLUSTER, request("1", secret())))
                .isSameAs(first);

        clock.advance(Duration.ofMinutes(1));
        ClusterConnection refreshed = connections.connect(Snapshots.CLUSTER, request("1", secret()));
        refreshed.handshake();

        assertThat(refreshed).isNotSameAs(first);
        assertThat(simulator.journal().count("GET", "/version")).isEqualTo(2);
        assertThat(simulator.journal().count("GET", "/access/permissions")).isEqualTo(2);
        assertThat(registry.get(PveCallMetrics.CONNECTIONS).counter().count()).isEqualTo(2);
    }

    @Test
    void aRotatedTokenBuildsANewClientWithoutARestart() throws Exception {
        ClusterConnection stale = connections.connect(Snapshots.CLUSTER, request("1", "wrong-secret"));
        assertThatThrownBy(stale::handshake).isInstanceOf(AuthenticationException.class);

        ClusterConnection rotated = connections.connect(Snapshots.CLUSTER, request("2", secret()));
        assertThat(rotated).isNotSameAs(stale);
        assertThat(rotated.handshake().version().major()).isEqualTo(9);
        assertThat(registry.get(PveCallMetrics.CONNECTIONS).counter().count()).isEqualTo(2);
        assertThat(simulator.journal().entries())
                .extracting(JournalEntry::status)
                .containsExactly(401, 200, 200);
    }

    @Test
    void everyClientIsGatedAndMetered() throws Exception {
        ClusterConnection connection = connections.connect(Snapshots.CLUSTER, request("1", secret()));
        assertThatThrownBy(() -> connection.api().setCephFlag(CephFlag.NOOUT, true))
                .isInstanceOf(QuorumLostException.class);
        connections.snapshots.publish(Snapshots.homelab().build());
        connection.api().setCephFlag(CephFlag.NOOUT, true);

        assertThat(simulator.journal().matching(JournalEntry::mutating)).hasSize(1);
        assertThat(registry.get(PveCallMetrics.CALLS)
                        .tags("path_class", "ceph", "outcome", "ok")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get(PveCallMetrics.REFUSED)
                        .tags("method", "setCephFlag")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void disconnectForgetsTheClient() {
        connections.connect(Snapshots.CLUSTER, request("1", secret()));
        connections.disconnect(Snapshots.CLUSTER);
        assertThat(connections.api(Snapshots.CLUSTER)).isEmpty();
        assertThat(connections.api(new ClusterKey("ns", "other"))).isEmpty();
    }

    @Test
    void anEndpointWithoutASimulatorIsUnreachableAndTheNextOneAnswers() throws Exception {
        ConnectionRequest twoEndpoints = new ConnectionRequest(
                "uid-1",
                List.of("https://down.test:8006", ENDPOINT),
                simulator.credentials().tokenId(),
                secret(),
                "1",
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                false);
        ClusterConnection connection = connections.connect(Snapshots.CLUSTER, twoEndpoints);
        connection.handshake();
        assertThat(connection.activeEndpoint()).isEqualTo(ENDPOINT);
    }

    private String secret() {
        return simulator.credentials().tokenSecret();
    }

    private ConnectionRequest request(String secretVersion, String tokenSecret) {
        return new ConnectionRequest(
                "uid-1",
                List.of(ENDPOINT),
                simulator.credentials().tokenId(),
                tokenSecret,
                secretVersion,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                false);
    }
}
