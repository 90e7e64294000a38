package dev.underlay.api.v1alpha1.proxmoxcluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.underlay.api.v1alpha1.common.ManagementPolicy;
import dev.underlay.api.v1alpha1.common.SecretRef;
import dev.underlay.api.v1alpha1.common.ValidationPatterns;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.haGroups) || self.haGroups.all(g, self.haGroups.exists_one(h, h.name == g.name))",
        message = "haGroups names must be unique")
@ValidationRule(value = "!has(self.maintenance) || self.maintenance.all(m, self.maintenance.exists_one(n, n.node == m.node))",
        message = "a node may appear only once in maintenance")
@ValidationRule(value = "!has(self.maintenance) || !has(self.expectedNodes) || self.maintenance.all(m, m.node in self.expectedNodes)",
        message = "maintenance nodes must be listed in expectedNodes")
public record ProxmoxClusterSpec(
        @Pattern("^[a-zA-Z0-9]([a-zA-Z0-9-]{0,13}[a-zA-Z0-9])?$")
        @JsonPropertyDescription("Expected corosync cluster name, verified against /cluster/status; a mismatch makes the "
                + "resource not Ready (ClusterNameMismatch). Recommended: it catches an endpoint pointing at the wrong cluster.")
        String clusterName,

        @Required
        @Size(min = 1, max = 16)
        @JsonPropertyDescription("Proxmox VE API base URLs (any node's API, e.g. https://10.8.16.10:8006), tried in order "
                + "with failover on connection and server errors.")
        List<@Pattern("^https://[^\\s/]+(:[0-9]{1,5})?/?$") String> endpoints,

        @Required
        @JsonPropertyDescription("Secret holding the API token: key tokenId (user@realm!name) and key tokenSecret (the UUID "
                + "secret). The token needs the privileges listed in the README for the features in use.")
        SecretRef credentialsSecretRef,

        @JsonPropertyDescription("How the Proxmox server certificate is verified. Default: the system trust store.")
        TlsSpec tls,

        @JsonPropertyDescription("Node names the cluster must have; a difference makes the resource not Ready (NodesMismatch).")
        List<@Pattern(ValidationPatterns.PVE_NODE) String> expectedNodes,

        @JsonPropertyDescription("HA groups to keep on the cluster. Written as HA groups on PVE 8 and as node-affinity HA "
                + "rules on PVE 9. Only groups/rules the operator created (or adopted) are changed or removed.")
        List<HaGroupSpec> haGroups,

        @JsonPropertyDescription("Nodes to put into maintenance: cordon and drain their Talos VMs' Kubernetes nodes, "
                + "optionally set Ceph noout, migrate all guests away. Remove the entry to bring the node back.")
        List<MaintenanceSpec> maintenance,

        @JsonPropertyDescription("Range VMIDs are allocated from when a TalosNodeVM does not set one.")
        VmidRangeSpec vmidRange,

        @JsonPropertyDescription("Which API the operator uses for Ceph. Default: the Proxmox-managed Ceph endpoints.")
        CephAccessSpec ceph,

        @Default("Manage")
        @JsonPropertyDescription("Manage (default) converges HA groups and maintenance; Observe only reports.")
        ManagementPolicy managementPolicy) {

    public ProxmoxClusterSpec {
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
        expectedNodes = expectedNodes == null ? List.of() : List.copyOf(expectedNodes);
        haGroups = haGroups == null ? List.of() : List.copyOf(haGroups);
        maintenance = maintenance == null ? List.of() : List.copyOf(maintenance);
        managementPolicy = managementPolicy == null ? ManagementPolicy.Manage : managementPolicy;
        ceph = ceph == null ? new CephAccessSpec(null, null) : ceph;
    }
}
