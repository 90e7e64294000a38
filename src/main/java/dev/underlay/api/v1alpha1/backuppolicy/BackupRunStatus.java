package dev.underlay.api.v1alpha1.backuppolicy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record BackupRunStatus(
        @JsonPropertyDescription("When the vzdump task started (RFC 3339).")
        String startedAt,

        @JsonPropertyDescription("When it finished (RFC 3339).")
        String finishedAt,

        @JsonPropertyDescription("OK, WARNINGS: n, or the error text.")
        String status,

        @JsonPropertyDescription("The vzdump task's UPID.") String upid) {}
