package dev.underlay.api.v1alpha1.proxmoxcluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeStatus(
        @JsonPropertyDescription("Node name.") String name,

        @JsonPropertyDescription("Whether the node is online in corosync.")
        Boolean online,

        @JsonPropertyDescription("None, Draining or InMaintenance.")
        MaintenanceState maintenance,

        @JsonPropertyDescription("CPU utilisation as a fraction of all its cores, e.g. \"0.12\".")
        String cpu,

        @JsonPropertyDescription("Memory in use, bytes.") Long memoryUsedBytes,
        @JsonPropertyDescription("Memory installed, bytes.") Long memoryTotalBytes,

        @JsonPropertyDescription("Seconds since the node booted.")
        Long uptimeSeconds,

        @JsonPropertyDescription("Why the node is not in the requested maintenance state yet, if it is not.")
        String message,

        @JsonPropertyDescription("True while the requested maintenance cannot proceed until a person acts (a guest "
                + "that may not move, too little room on the other nodes, two control-plane nodes on this host); "
                + "message says what blocks it. Absent otherwise.")
        Boolean maintenanceBlocked) {

    public enum MaintenanceState {
        None,
        Draining,
        InMaintenance
    }
}
