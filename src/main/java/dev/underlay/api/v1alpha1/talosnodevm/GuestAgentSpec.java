package dev.underlay.api.v1alpha1.talosnodevm;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

@JsonInclude(JsonInclude.Include.NON_NULL)
// the is* helpers below are conveniences, not properties: keep Jackson from serializing them
@JsonAutoDetect(isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public record GuestAgentSpec(
        @Default("false")
        @JsonPropertyDescription(
                "Enable the QEMU guest agent device; IP addresses are then read through it. Default false.")
        Boolean enabled) {

    public GuestAgentSpec {
        enabled = enabled == null ? Boolean.FALSE : enabled;
    }

    public boolean isEnabled() {
        return Boolean.TRUE.equals(enabled);
    }
}
