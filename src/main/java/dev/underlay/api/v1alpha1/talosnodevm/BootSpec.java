package dev.underlay.api.v1alpha1.talosnodevm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "(has(self.iso) ? 1 : 0) + (has(self.cloneFrom) ? 1 : 0) + (has(self.importFrom) ? 1 : 0) == 1",
        message = "set exactly one boot source: iso, cloneFrom or importFrom")
public record BootSpec(
        @Size(max = 255)
        @Pattern("^[a-zA-Z][a-zA-Z0-9\\-_.]*[a-zA-Z0-9]:iso/[^/\\s]+\\.(iso|img)$")
        @JsonPropertyDescription("Talos ISO volume, e.g. local:iso/talos-v1.9.0-nocloud-amd64.iso (upload it first).")
        String iso,

        @JsonPropertyDescription("Clone a template VM.") CloneSourceSpec cloneFrom,

        @JsonPropertyDescription("Import an existing disk image as the boot disk.")
        ImportSourceSpec importFrom) {}
