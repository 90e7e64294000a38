package dev.underlay.api.v1alpha1.talosnodevm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.underlay.api.v1alpha1.common.ValidationPatterns;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportSourceSpec(
        @Required
        @Pattern(ValidationPatterns.PVE_STORAGE_ID)
        @JsonPropertyDescription("Storage holding the image, e.g. local.")
        String storage,

        @Required
        @Size(max = 255)
        @Pattern("^[^\\s]+$")
        @JsonPropertyDescription("Volume to import, e.g. import/talos-v1.9.0-nocloud-amd64.raw.")
        String volume) {}
