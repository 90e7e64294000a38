package dev.underlay.api.v1alpha1.backuppolicy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The restore test in progress, recorded so that it is followed (and its scratch VM destroyed) across reconciles and
 * operator restarts. Cleared once the scratch VM is gone.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RestoreTestRunStatus(
        @JsonPropertyDescription("Scratch VMID the archive is restored to.")
        Integer scratchVmid,

        @JsonPropertyDescription("VMID whose backup is restored; empty when destroying a leftover scratch VM.")
        Integer vmid,

        @JsonPropertyDescription("The archive restored.") String volid,

        @JsonPropertyDescription("Node the scratch VM lives on.")
        String node,

        @JsonPropertyDescription("When the test began (RFC 3339).")
        String startedAt,

        @JsonPropertyDescription("Restoring, Starting or Destroying.")
        String step,

        @JsonPropertyDescription("UPID of the step's Proxmox task, if one is in flight.")
        String upid,

        @JsonPropertyDescription("Whether the restored VM has the guest agent enabled (agent=1): then it must answer.")
        Boolean agent,

        @JsonPropertyDescription("Passed, Failed or TimedOut once judged (set while Destroying); empty before.")
        String result,

        @JsonPropertyDescription("Why the test failed, once judged.")
        String message,

        @JsonPropertyDescription("Restore plus boot time in seconds, once judged.")
        Long durationSeconds) {}
