package dev.underlay.api.v1alpha1.talosnodevm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloneSourceSpec(
        @Required @Min(100) @Max(999999999) @JsonPropertyDescription("VMID of the template to clone, e.g. 9000.")
        Integer vmid,

        @Default("true")
        @JsonPropertyDescription("Full clone (independent disks, default true) rather than a linked clone.")
        Boolean full) {

    public CloneSourceSpec {
        full = full == null ? Boolean.TRUE : full;
    }
}
