package dev.underlay.api.v1alpha1.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** Reference to a ProxmoxCluster in the same namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterRef(
        @Required
        @Size(min = 1, max = 253)
        @Pattern(ValidationPatterns.DNS_SUBDOMAIN)
        @JsonPropertyDescription("Name of the ProxmoxCluster, in the same namespace, that this resource lives on.")
        String name) {}
