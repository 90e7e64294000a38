package dev.underlay.api.v1alpha1.backuppolicy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** Proxmox prune-backups; 0 or unset means "not used". */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "(has(self.keepAll) && self.keepAll) || [has(self.keepLast) ? self.keepLast : 0, "
                + "has(self.keepHourly) ? self.keepHourly : 0, has(self.keepDaily) ? self.keepDaily : 0, "
                + "has(self.keepWeekly) ? self.keepWeekly : 0, has(self.keepMonthly) ? self.keepMonthly : 0, "
                + "has(self.keepYearly) ? self.keepYearly : 0].exists(k, k > 0)",
        message = "retention must keep something: set keepAll or at least one keep* above 0")
@ValidationRule(
        value = "!(has(self.keepAll) && self.keepAll) || !(has(self.keepLast) || has(self.keepHourly) "
                + "|| has(self.keepDaily) || has(self.keepWeekly) || has(self.keepMonthly) || has(self.keepYearly))",
        message = "keepAll cannot be combined with other keep options")
public record RetentionSpec(
        @Min(0) @Max(10000) @JsonPropertyDescription("Keep the last N backups.")
        Integer keepLast,

        @Min(0) @Max(10000) @JsonPropertyDescription("Keep one backup for each of the last N hours.")
        Integer keepHourly,

        @Min(0) @Max(10000) @JsonPropertyDescription("Keep one backup for each of the last N days.")
        Integer keepDaily,

        @Min(0) @Max(10000) @JsonPropertyDescription("Keep one backup for each of the last N weeks.")
        Integer keepWeekly,

        @Min(0) @Max(10000) @JsonPropertyDescription("Keep one backup for each of the last N months.")
        Integer keepMonthly,

        @Min(0) @Max(10000) @JsonPropertyDescription("Keep one backup for each of the last N years.")
        Integer keepYearly,

        @JsonPropertyDescription("Keep every backup (no pruning).")
        Boolean keepAll) {}
