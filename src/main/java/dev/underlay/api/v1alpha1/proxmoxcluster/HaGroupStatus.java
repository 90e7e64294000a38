package dev.underlay.api.v1alpha1.proxmoxcluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record HaGroupStatus(
        @JsonPropertyDescription("Group/rule name.") String name,

        @JsonPropertyDescription("Group (PVE 8) or Rule (PVE 9).")
        String kind,

        @JsonPropertyDescription("InSync, Created, Updated, Deleted (ours, no longer declared), Conflict (exists, not "
                + "ours, not adopted), Drift (Observe: differs), Pending (waiting: quorum, HA members, group in use) "
                + "or Error.")
        String state,

        @JsonPropertyDescription("Detail for Conflict and Error.")
        String message) {}
