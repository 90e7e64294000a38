package dev.underlay.api.v1alpha1.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** Reference to one key of a Secret in the same namespace; the default key is set by the referring field. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SecretKeyRef(
        @Required
        @Size(min = 1, max = 253)
        @Pattern(ValidationPatterns.DNS_SUBDOMAIN)
        @JsonPropertyDescription("Name of the Secret, in the same namespace.")
        String name,

        @Size(min = 1, max = 253)
        @Pattern("^[-._a-zA-Z0-9]+$")
        @JsonPropertyDescription(
                "Key inside the Secret. When omitted, the referring field's documented default key is used.")
        String key) {

    public String keyOr(String defaultKey) {
        return key == null || key.isBlank() ? defaultKey : key;
    }
}
