package dev.underlay.api.v1alpha1.backuppolicy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record RestoreTestResultStatus(
        @JsonPropertyDescription("When the test ran (RFC 3339).")
        String at,

        @JsonPropertyDescription("VMID whose backup was restored.")
        Integer vmid,

        @JsonPropertyDescription("The archive restored.") String volid,

        @JsonPropertyDescription("Passed, Failed or TimedOut.")
        String result,

        @JsonPropertyDescription("Restore plus boot time in seconds.")
        Long durationSeconds,

        @JsonPropertyDescription("Detail on failure.") String message) {}
