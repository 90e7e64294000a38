package dev.underlay.api.v1alpha1.talosnodevm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record DriftEntry(
        @JsonPropertyDescription("Spec field or Proxmox config key that differs, e.g. memoryMiB or net1.")
        String field,

        @JsonPropertyDescription("Value the spec asks for.") String desired,
        @JsonPropertyDescription("Value Proxmox reports.") String actual) {}
