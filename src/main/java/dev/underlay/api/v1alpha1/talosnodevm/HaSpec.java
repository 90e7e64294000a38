package dev.underlay.api.v1alpha1.talosnodevm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.underlay.api.v1alpha1.common.ValidationPatterns;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record HaSpec(
        @Default("false") @JsonPropertyDescription("Make the VM an HA resource. Default false.")
        Boolean enabled,

        @Size(min = 2, max = 128)
        @Pattern(ValidationPatterns.PVE_CONFIG_ID)
        @JsonPropertyDescription("HA group (PVE 8) / node-affinity rule (PVE 9) from the ProxmoxCluster's haGroups.")
        String group,

        @Default("started")
        @JsonPropertyDescription("Requested HA state: started (default), stopped, disabled, ignored.")
        HaState state,

        @Default("1")
        @Min(0)
        @Max(10)
        @JsonPropertyDescription("Max relocations on start failure. Default 1 (prevents ping-pong migrations).")
        Integer maxRelocate,

        @Default("1")
        @Min(0)
        @Max(10)
        @JsonPropertyDescription("Max restarts on the same node on start failure. Default 1.")
        Integer maxRestart) {

    public HaSpec {
        enabled = enabled == null ? Boolean.FALSE : enabled;
        state = state == null ? HaState.started : state;
        maxRelocate = maxRelocate == null ? 1 : maxRelocate;
        maxRestart = maxRestart == null ? 1 : maxRestart;
    }

    /** ha-manager's state names. */
    @SuppressWarnings("java:S115")
    public enum HaState {
        started,
        stopped,
        disabled,
        ignored
    }
}
