package dev.underlay.api.v1alpha1.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** Reference to a whole Secret in the same namespace; the keys it must hold are fixed by the referring field. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SecretRef(
        @Required
        @Size(min = 1, max = 253)
        @Pattern(ValidationPatterns.DNS_SUBDOMAIN)
        @JsonPropertyDescription("Name of the Secret, in the same namespace.")
        String name) {}
