package dev.underlay.api.v1alpha1.backuppolicy;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.underlay.api.v1alpha1.common.ListType;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LabelSelector;

import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "(has(self.vmids) ? 1 : 0) + (has(self.all) && self.all ? 1 : 0) + (has(self.pool) ? 1 : 0) "
                + "+ (has(self.talosNodeVMSelector) ? 1 : 0) == 1",
        message = "set exactly one of vmids, all, pool, talosNodeVMSelector")
// the is* helpers below are conveniences, not properties: keep Jackson from serializing them
@JsonAutoDetect(isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public record BackupSelectorSpec(
        @Size(min = 1, max = 1000) @ListType(ListType.Kind.set) @JsonPropertyDescription("Explicit VMIDs.")
        List<@Min(100) @Max(999999999) Integer> vmids,

        @JsonPropertyDescription("Every guest on the cluster (minus exclude).")
        Boolean all,

        @Size(max = 128)
        @Pattern("^[a-zA-Z0-9][a-zA-Z0-9\\-_.]*$")
        @JsonPropertyDescription("Every guest in this Proxmox resource pool (minus exclude).")
        String pool,

        @JsonPropertyDescription(
                "TalosNodeVMs in this namespace matching these labels; the job's VMID list follows them.")
        LabelSelector talosNodeVMSelector) {

    public boolean isAll() {
        return Boolean.TRUE.equals(all);
    }
}
