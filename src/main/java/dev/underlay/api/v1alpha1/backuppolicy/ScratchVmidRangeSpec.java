package dev.underlay.api.v1alpha1.backuppolicy;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

@ValidationRule(value = "self.start <= self.end", message = "scratchVmidRange.start must be <= scratchVmidRange.end")
public record ScratchVmidRangeSpec(
        @Required @Min(100) @Max(999999999) @JsonPropertyDescription("First VMID (inclusive).")
        Integer start,

        @Required @Min(100) @Max(999999999) @JsonPropertyDescription("Last VMID (inclusive).")
        Integer end) {

    /** High above where PVE's /cluster/nextid hands out VMIDs, so that a scratch VM never takes a real guest's. */
    public static final ScratchVmidRangeSpec DEFAULT = new ScratchVmidRangeSpec(990000, 990099);
}
