package dev.underlay.api.v1alpha1.proxmoxcluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.underlay.api.v1alpha1.common.UnderlayStatus;

import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ProxmoxClusterStatus extends UnderlayStatus {

    @JsonPropertyDescription("Cluster name reported by /cluster/status.")
    private String clusterName;

    @JsonPropertyDescription("Proxmox VE version (pve-manager), e.g. 8.3.2.")
    private String version;

    @JsonPropertyDescription(
            "Whether corosync reports the cluster quorate. While false, the operator makes no mutating call.")
    private Boolean quorate;

    @JsonPropertyDescription("Corosync votes.")
    private VotesStatus votes;

    @JsonPropertyDescription("Online nodes over known nodes, e.g. 3/3.")
    private String nodesOnline;

    @JsonPropertyDescription("Per-node observation.")
    private List<NodeStatus> nodes = new ArrayList<>();

    @JsonPropertyDescription("Ceph health as seen through the configured Ceph API.")
    private CephHealthStatus ceph;

    @JsonPropertyDescription(
            "How HA placement is expressed on this cluster: Groups (PVE 8), Rules (PVE 9), or Unknown.")
    private String haMode;

    @JsonPropertyDescription("HA groups/rules from spec.haGroups and their state on the cluster.")
    private List<HaGroupStatus> haGroups = new ArrayList<>();

    @JsonPropertyDescription("Privileges the enabled features need and the token lacks, as privilege@path.")
    private List<String> missingPrivileges = new ArrayList<>();

    @JsonPropertyDescription(
            "Whether the Ceph noout flag is currently set by this operator for node maintenance; only then "
                    + "does the operator unset it when maintenance ends.")
    private Boolean cephNoOutSetByOperator;

    @JsonPropertyDescription("Endpoint the operator used for the last successful call.")
    private String activeEndpoint;

    @JsonPropertyDescription("When the last cluster snapshot was taken (RFC 3339).")
    private String lastSnapshotTime;

    public String getClusterName() {
        return clusterName;
    }

    public void setClusterName(String clusterName) {
        this.clusterName = clusterName;
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public Boolean getQuorate() {
        return quorate;
    }

    public void setQuorate(Boolean quorate) {
        this.quorate = quorate;
    }

    public VotesStatus getVotes() {
        return votes;
    }

    public void setVotes(VotesStatus votes) {
        this.votes = votes;
    }

    public String getNodesOnline() {
        return nodesOnline;
    }

    public void setNodesOnline(String nodesOnline) {
        this.nodesOnline = nodesOnline;
    }

    public List<NodeStatus> getNodes() {
        return nodes;
    }

    public void setNodes(List<NodeStatus> nodes) {
        this.nodes = nodes == null ? new ArrayList<>() : new ArrayList<>(nodes);
    }

    public CephHealthStatus getCeph() {
        return ceph;
    }

    public void setCeph(CephHealthStatus ceph) {
        this.ceph = ceph;
    }

    public String getHaMode() {
        return haMode;
    }

    public void setHaMode(String haMode) {
        this.haMode = haMode;
    }

    public List<HaGroupStatus> getHaGroups() {
        return haGroups;
    }

    public void setHaGroups(List<HaGroupStatus> haGroups) {
        this.haGroups = haGroups == null ? new ArrayList<>() : new ArrayList<>(haGroups);
    }

    public List<String> getMissingPrivileges() {
        return missingPrivileges;
    }

    public void setMissingPrivileges(List<String> missingPrivileges) {
        this.missingPrivileges = missingPrivileges == null ? new ArrayList<>() : new ArrayList<>(missingPrivileges);
    }

    public Boolean getCephNoOutSetByOperator() {
        return cephNoOutSetByOperator;
    }

    public void setCephNoOutSetByOperator(Boolean cephNoOutSetByOperator) {
        this.cephNoOutSetByOperator = cephNoOutSetByOperator;
    }

    public String getActiveEndpoint() {
        return activeEndpoint;
    }

    public void setActiveEndpoint(String activeEndpoint) {
        this.activeEndpoint = activeEndpoint;
    }

    public String getLastSnapshotTime() {
        return lastSnapshotTime;
    }

    public void setLastSnapshotTime(String lastSnapshotTime) {
        this.lastSnapshotTime = lastSnapshotTime;
    }
}
