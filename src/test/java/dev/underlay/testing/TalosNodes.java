package dev.underlay.testing;

import dev.underlay.api.v1alpha1.UnderlayApi;
import dev.underlay.api.v1alpha1.talosnodevm.TalosNodeVM;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The Talos side of the seed for operator tests: control-plane TalosNodeVMs describing VMs that already exist on the
 * simulator, and the Kubernetes Nodes those VMs run as. The TalosNodeVM controller does create and converge VMs; these
 * seed VMs carry no ownership marker and are not adopted, so it reports {@code OwnershipConflict} for them and never
 * touches them: the maintenance and HA tests that use them see only their own controller's calls.
 */
public final class TalosNodes {

    public static final String CONTROL_PLANE_LABEL = "node-role.kubernetes.io/control-plane";

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private TalosNodes() {}

    /**
     * A control-plane TalosNodeVM for VM {@code vmid}, running as Kubernetes Node {@code kubernetesNodeName};
     * {@code moreSpec} is YAML for the spec block (e.g. an {@code ha} entry), may be empty.
     */
    public static TalosNodeVM controlPlane(
            String namespace,
            String name,
            String cluster,
            int vmid,
            String pveNode,
            String kubernetesNodeName,
            String moreSpec) {
        return SERIALIZATION.unmarshal(
                """
                apiVersion: %s
                kind: TalosNodeVM
                metadata: {name: %s, namespace: %s}
                spec:
                  clusterRef: {name: %s}
                  vmid: %d
                  node: %s
                  role: controlplane
                  memoryMiB: 16384
                  disks: [{slot: scsi0, storage: vm-disks, sizeGiB: 100}]
                  boot: {iso: "local:iso/talos.iso"}
                  talos: {kubernetesNodeName: %s}
                %s
                """.formatted(
                                UnderlayApi.API_VERSION,
                                name,
                                namespace,
                                cluster,
                                vmid,
                                pveNode,
                                kubernetesNodeName,
                                moreSpec.indent(2)),
                TalosNodeVM.class);
    }

    /** A schedulable, Ready control-plane Node as Talos registers it. */
    public static Node readyControlPlaneNode(String name) {
        return new NodeBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels(CONTROL_PLANE_LABEL, "")
                .endMetadata()
                .withNewSpec()
                .endSpec()
                .withNewStatus()
                .addNewCondition()
                .withType("Ready")
                .withStatus("True")
                .endCondition()
                .endStatus()
                .build();
    }

    /** Cordoned or not Ready: the Node counts against the control plane's disruption budget. */
    public static boolean unavailable(Node node) {
        boolean cordoned =
                node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
        boolean ready = node.getStatus() != null
                && node.getStatus().getConditions() != null
                && node.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        return cordoned || !ready;
    }
}
