package dev.underlay.api.v1alpha1.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The last Proxmox task the operator started for this resource (one in-flight task per object). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskRef(
        @JsonPropertyDescription("Proxmox task ID (UPID:node:pid:pstart:starttime:type:id:user:).")
        String upid,

        @JsonPropertyDescription("Task type as Proxmox names it, e.g. qmcreate, qmstart, qmigrate, vzdump.")
        String type,

        @JsonPropertyDescription("running or stopped.") String status,

        @JsonPropertyDescription("Exit status once stopped: OK, 'WARNINGS: n' (success) or the error text.")
        String exitStatus,

        @JsonPropertyDescription("When the task started (RFC 3339).")
        String startedAt,

        @JsonPropertyDescription("When the task finished (RFC 3339); empty while running.")
        String finishedAt) {}
