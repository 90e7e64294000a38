package dev.underlay.api.v1alpha1.proxmoxcluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record CephHealthStatus(
        @JsonPropertyDescription("HEALTH_OK, HEALTH_WARN or HEALTH_ERR.")
        String health,

        @JsonPropertyDescription("Health check summaries when not HEALTH_OK.")
        List<String> checks,

        @JsonPropertyDescription("OSDs up.") Integer osdsUp,
        @JsonPropertyDescription("OSDs in.") Integer osdsIn,
        @JsonPropertyDescription("OSDs known.") Integer osdsTotal,
        @JsonPropertyDescription("Monitors in quorum.") Integer monsInQuorum,

        @JsonPropertyDescription("Cluster-wide flags set, e.g. noout.")
        List<String> flags) {}
