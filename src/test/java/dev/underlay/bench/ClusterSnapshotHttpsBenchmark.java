package dev.underlay.bench;

import dev.underlay.controller.proxmoxcluster.SimulatedCluster;
import dev.underlay.simulator.pve.PveSimulator;
import dev.underlay.testing.DeployedCrds;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

import java.util.Map;

/**
 * The same measurement through the REST client over HTTPS to the simulator's facade on 127.0.0.1 (certificate
 * pinned), so the snapshot time includes TLS, HTTP and JSON as against a real cluster on a fast LAN. The per-cluster
 * request limit is raised so that the 200 ms test resync is not throttled.
 */
@QuarkusTest
@WithKubernetesTestServer(setup = DeployedCrds.class)
@TestProfile(ClusterSnapshotHttpsBenchmark.RestFastResync.class)
class ClusterSnapshotHttpsBenchmark extends ClusterSnapshotBenchmark {

    public static class RestFastResync implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "underlay.backend",
                    "rest",
                    "underlay.proxmox.requests-per-second",
                    "1000",
                    "underlay.resync.calm",
                    "200ms",
                    "underlay.resync.busy",
                    "200ms",
                    "underlay.resync.waiting",
                    "1s");
        }
    }

    @Override
    protected SimulatedCluster connect(String namespace, PveSimulator simulator) {
        return SimulatedCluster.serveOverHttps(namespace, simulator);
    }

    @Override
    protected String label() {
        return "REST client over HTTPS";
    }
}
