package dev.underlay.api.v1alpha1.proxmoxcluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.underlay.api.v1alpha1.common.DeletionPolicy;
import dev.underlay.api.v1alpha1.common.ListType;
import dev.underlay.api.v1alpha1.common.ManagementPolicy;
import dev.underlay.api.v1alpha1.common.SecretRef;
import dev.underlay.api.v1alpha1.common.ValidationPatterns;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

import java.util.List;

@JsonInclude(JsonInclude.Include.NON_EMPTY)
@ValidationRule(
        value =
                "!has(self.maintenance) || !has(self.expectedNodes) || self.maintenance.all(m, m.node in self.expectedNodes)",
        message = "maintenance nodes must be listed in expectedNodes")
public record ProxmoxClusterSpec(
        @Size(min = 1, max = 15)
        @Pattern(ValidationPatterns.PVE_NODE)
        @JsonPropertyDescription(
                "Expected corosync cluster name (Proxmox allows at most 15 characters), verified against "
                        + "/cluster/status; a mismatch makes the resource not Ready (ClusterNameMismatch). Recommended: it catches "
                        + "an endpoint pointing at the wrong cluster.")
        String clusterName,

        @Required
        @Size(min = 1, max = 16)
        @JsonPropertyDescription(
                "Proxmox VE API base URLs without a path (any node's API, e.g. https://10.8.16.10:8006), "
                        + "tried in order with failover on connection and server errors.")
        List<@Size(max = 263) @Pattern(ValidationPatterns.HTTPS_BASE_URL) String> endpoints,

        @Required
        @JsonPropertyDescription(
                "Secret holding the API token: key tokenId (user@realm!name) and key tokenSecret (the UUID "
                        + "secret). The token needs the privileges listed in the README for the features in use.")
        SecretRef credentialsSecretRef,

        @JsonPropertyDescription("How the Proxmox server certificate is verified. Default: the system trust store.")
        TlsSpec tls,

        @Size(max = 64)
        @ListType(ListType.Kind.set)
        @JsonPropertyDescription(
                "Node names the cluster must have; a difference makes the resource not Ready (NodesMismatch).")
        List<@Size(min = 1, max = 63) @Pattern(ValidationPatterns.PVE_NODE) String> expectedNodes,

        @Size(max = 32)
        @ListType(value = ListType.Kind.map, keys = "name")
        @JsonPropertyDescription(
                "HA groups to keep on the cluster, keyed by name. Written as HA groups on PVE 8 and as "
                        + "node-affinity HA rules on PVE 9. Only groups/rules the operator created (or adopted) are changed or removed.")
        List<HaGroupSpec> haGroups,

        @Size(max = 32)
        @ListType(value = ListType.Kind.map, keys = "node")
        @JsonPropertyDescription(
                "Nodes to put into maintenance, keyed by node: cordon and drain their Talos VMs' Kubernetes "
                        + "nodes, optionally set Ceph noout, migrate all guests away. Remove the entry to bring the node back.")
        List<MaintenanceSpec> maintenance,

        @JsonPropertyDescription("Range VMIDs are allocated from when a TalosNodeVM does not set one.")
        VmidRangeSpec vmidRange,

        @Default("{}")
        @JsonPropertyDescription("Which API the operator uses for Ceph. Default: the Proxmox-managed Ceph endpoints.")
        CephAccessSpec ceph,

        @Default("Retain")
        @JsonPropertyDescription(
                "Retain (default) leaves the HA groups/rules the operator created on the cluster when the "
                        + "resource is deleted (only its ownership marker is removed); Delete removes them. Nothing else on the "
                        + "cluster is ever deleted. Either way, a node maintenance in progress is ended first (Kubernetes nodes "
                        + "the operator cordoned are uncordoned, a noout flag it set is unset), or a Warning Event says what is "
                        + "left.")
        DeletionPolicy deletionPolicy,

        @Default("Manage")
        @JsonPropertyDescription("Manage (default) converges HA groups and maintenance; Observe only reports.")
        ManagementPolicy managementPolicy) {

    public ProxmoxClusterSpec {
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
        expectedNodes = expectedNodes == null ? List.of() : List.copyOf(expectedNodes);
        haGroups = haGroups == null ? List.of() : List.copyOf(haGroups);
        maintenance = maintenance == null ? List.of() : List.copyOf(maintenance);
        ceph = ceph == null ? new CephAccessSpec(null, null) : ceph;
        deletionPolicy = deletionPolicy == null ? DeletionPolicy.Retain : deletionPolicy;
        managementPolicy = managementPolicy == null ? ManagementPolicy.Manage : managementPolicy;
    }

    /** The same spec with other maintenance entries (e.g. none, to end every maintenance as its removal would). */
    public ProxmoxClusterSpec withMaintenance(List<MaintenanceSpec> entries) {
        return new ProxmoxClusterSpec(
                clusterName,
                endpoints,
                credentialsSecretRef,
                tls,
                expectedNodes,
                haGroups,
                entries,
                vmidRange,
                ceph,
                deletionPolicy,
                managementPolicy);
    }
}
