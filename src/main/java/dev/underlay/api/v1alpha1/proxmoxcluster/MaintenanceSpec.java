package dev.underlay.api.v1alpha1.proxmoxcluster;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.underlay.api.v1alpha1.common.ValidationPatterns;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** One node to evacuate for maintenance (the seed's "Node Maintenance Mode", automated). */
@JsonInclude(JsonInclude.Include.NON_NULL)
// the is* helpers below are conveniences, not properties: keep Jackson from serializing them
@JsonAutoDetect(isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public record MaintenanceSpec(
        @Required
        @Size(min = 1, max = 63)
        @Pattern(ValidationPatterns.PVE_NODE)
        @JsonPropertyDescription("Proxmox node to put into maintenance.")
        String node,

        @Size(max = 1024) @JsonPropertyDescription("Why, for the audit trail (shown in Events).")
        String reason,

        @JsonPropertyDescription(
                "Set the Ceph noout flag while the node is in maintenance so its OSDs are not marked out "
                        + "and rebalanced. Unset on exit only if this operator set it.")
        Boolean cephNoOut) {

    public boolean isCephNoOut() {
        return Boolean.TRUE.equals(cephNoOut);
    }
}
