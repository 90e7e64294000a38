package dev.underlay.api.v1alpha1.proxmoxcluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record VotesStatus(
        @JsonPropertyDescription("Expected votes.") Integer expected,
        @JsonPropertyDescription("Votes currently present.") Integer total,
        @JsonPropertyDescription("Votes needed for quorum.") Integer quorum) {
}
