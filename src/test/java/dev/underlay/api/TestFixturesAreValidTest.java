package dev.underlay.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.underlay.api.schema.ApiServerValidation;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.connection.SimulatorRegistry;
import dev.underlay.controller.proxmoxcluster.SimulatedCluster;
import dev.underlay.simulator.pve.PveSimulator;
import dev.underlay.simulator.pve.PveVersion;
import dev.underlay.testing.Fixtures;
import dev.underlay.testing.TalosNodes;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator tests run against a mock API server that checks no schema, so their resources must be ones a real
 * API server accepts; otherwise a test could pass on an object no user can create.
 */
class TestFixturesAreValidTest {

    private static final ApiServerValidation API_SERVER = ApiServerValidation.deployed();
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyValidFixtureIsAcceptedByTheApiServerRules() throws Exception {
        List<HasMetadata> fixtures = List.of(
                Fixtures.cluster("ns", "homelab", "pve-token"),
                Fixtures.clusterWithCa("ns", "homelab", "pve-token", "pve-ca"),
                Fixtures.pool("ns", "vm-disks", "homelab"),
                Fixtures.vm("ns", "talos-cp-01", "homelab", "talos-cp-01"),
                Fixtures.policy("ns", "nightly", "homelab"),
                TalosNodes.controlPlane("ns", "talos-k8s-02", "homelab", 102, "pve-ms01-02", "talos-k8s-02", ""),
                TalosNodes.controlPlane(
                        "ns",
                        "talos-k8s-01",
                        "homelab",
                        101,
                        "pve-ms01-01",
                        "talos-k8s-01",
                        "ha: {enabled: true, group: production}"),
                onSimulator("""
                        clusterName: homelab-pve
                        expectedNodes: [pve-ms01-01, pve-ms01-02, pve-aimax-01]
                        haGroups:
                          - {name: production, nodes: [pve-ms01-01, pve-ms01-02, pve-aimax-01]}
                          - {name: ai-workloads, nodes: [pve-aimax-01], restricted: true}
                          - {name: general, nodes: ["pve-ms01-01:2", "pve-ms01-02:1"]}
                        maintenance: [{node: pve-ms01-02, reason: BIOS update, cephNoOut: true}]
                        """));

        for (HasMetadata fixture : fixtures) {
            ObjectNode object = (ObjectNode) JSON.readTree(SERIALIZATION.asJson(fixture));
            assertThat(API_SERVER.create(object).violations())
                    .as(fixture.getKind() + " " + fixture.getMetadata().getName())
                    .isEmpty();
        }
    }

    /** A ProxmoxCluster as the operator tests point it at a simulator (endpoint and certificate pin filled in). */
    private static ProxmoxCluster onSimulator(String moreSpec) {
        return SimulatedCluster.register(new SimulatorRegistry(), "ns", PveSimulator.homelab(PveVersion.PVE_9_1))
                .resource("homelab", "pve-token", moreSpec);
    }
}
