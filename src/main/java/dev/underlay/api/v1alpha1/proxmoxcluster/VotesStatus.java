package dev.underlay.api.v1alpha1.proxmoxcluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record VotesStatus(
        @JsonPropertyDescription("Expected votes.") Integer expected,
        @JsonPropertyDescription("Votes currently present.") Integer total,
        @JsonPropertyDescription("Votes needed for quorum.") Integer quorum,

        @JsonPropertyDescription("True when the numbers are derived from /cluster/status node rows (one vote per node, "
                + "quorum a majority), because the Proxmox API does not report corosync's own vote counts; a node "
                + "configured with more than one vote is then not reflected.")
        Boolean derived) {}
