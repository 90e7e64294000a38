package dev.underlay.api.v1alpha1.proxmoxcluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.start <= self.end", message = "vmidRange.start must be <= vmidRange.end")
public record VmidRangeSpec(
        @Required @Min(100) @Max(999999999) @JsonPropertyDescription("First VMID the operator may allocate.")
        Integer start,

        @Required @Min(100) @Max(999999999) @JsonPropertyDescription("Last VMID the operator may allocate (inclusive).")
        Integer end) {}
