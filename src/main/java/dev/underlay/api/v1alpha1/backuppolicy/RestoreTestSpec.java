package dev.underlay.api.v1alpha1.backuppolicy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.underlay.api.v1alpha1.common.ValidationPatterns;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record RestoreTestSpec(
        @Required
        @Size(min = 1, max = 128)
        @Pattern(ValidationPatterns.PVE_CALENDAR_EVENT)
        @JsonPropertyDescription(
                "Calendar event for the test, e.g. \"*-*-01 05:00\" (monthly, after the monthly backup).")
        String schedule,

        @Required @Size(max = 63) @Pattern(ValidationPatterns.PVE_NODE) @JsonPropertyDescription("Node to restore on.")
        String targetNode,

        @Required
        @Size(max = 128)
        @Pattern(ValidationPatterns.PVE_STORAGE_ID)
        @JsonPropertyDescription("Storage for the restored disks.")
        String targetStorage,

        @Min(100)
        @Max(999999999)
        @JsonPropertyDescription(
                "Scratch VMID for the restored VM. Default: the first VMID of scratchVmidRange no guest uses.")
        Integer scratchVmid,

        @JsonPropertyDescription("VMIDs the scratch VM may take when scratchVmid is not set. Default 990000-990099.")
        ScratchVmidRangeSpec scratchVmidRange,

        @Default("600")
        @Min(60)
        @Max(86400)
        @JsonPropertyDescription(
                "How long the whole test (restore, start, guest agent answer) may take before it counts as TimedOut. "
                        + "Default 600.")
        Integer timeoutSeconds) {

    /** The range scratch VMIDs come from: the spec's, else {@link ScratchVmidRangeSpec#DEFAULT}. */
    public ScratchVmidRangeSpec scratchVmidRangeOrDefault() {
        return scratchVmidRange == null ? ScratchVmidRangeSpec.DEFAULT : scratchVmidRange;
    }

    public RestoreTestSpec {
        timeoutSeconds = timeoutSeconds == null ? 600 : timeoutSeconds;
    }
}
