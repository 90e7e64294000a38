package dev.underlay.api.v1alpha1.proxmoxcluster;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.underlay.api.v1alpha1.common.ValidationPatterns;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

import java.util.List;

/** An HA group (PVE 8) / node-affinity rule (PVE 9). */
@JsonInclude(JsonInclude.Include.NON_NULL)
// the is* helpers below are conveniences, not properties: keep Jackson from serializing them
@JsonAutoDetect(isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public record HaGroupSpec(
        @Required
        @Size(min = 2, max = 128)
        @Pattern(ValidationPatterns.PVE_CONFIG_ID)
        @JsonPropertyDescription("Group name (PVE 8) / rule ID (PVE 9), e.g. production. Letters, digits, '-' and '_', "
                + "starting with a letter.")
        String name,

        @Required
        @Size(min = 1, max = 64)
        @JsonPropertyDescription(
                "Member nodes, each optionally with a priority: node or node:priority (higher preferred), "
                        + "e.g. pve-ms01-01:2.")
        List<@Size(max = 68) @Pattern("^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?(:[0-9]{1,4})?$") String> nodes,

        @JsonPropertyDescription(
                "Resources may run only on the member nodes (PVE 9: strict node-affinity). Default false.")
        Boolean restricted,

        @JsonPropertyDescription("Do not move resources back to a higher-priority node when it returns "
                + "(PVE 9: failback=0 on the member resources). Default false.")
        Boolean noFailback,

        @Size(max = 4096) @JsonPropertyDescription("Free-text comment stored with the group/rule.")
        String comment,

        @JsonPropertyDescription("Take over an existing group/rule of the same name that the operator did not create. "
                + "Without it such a group is reported as a conflict and left alone.")
        Boolean adopt) {

    public boolean isRestricted() {
        return Boolean.TRUE.equals(restricted);
    }

    public boolean isNoFailback() {
        return Boolean.TRUE.equals(noFailback);
    }

    public boolean isAdopt() {
        return Boolean.TRUE.equals(adopt);
    }
}
