package dev.underlay.api.v1alpha1.talosnodevm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.underlay.api.v1alpha1.common.ValidationPatterns;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record NetworkSpec(
        @Required
        @Size(max = 5)
        @Pattern("^net([0-9]|[12][0-9]|3[01])$")
        @JsonPropertyDescription("Interface slot, net0..net31. net0 is eth0 in Talos.")
        String slot,

        @Default("vmbr0")
        @Pattern("^[a-zA-Z][a-zA-Z0-9_.-]{0,15}$")
        @JsonPropertyDescription("Linux bridge (or SDN VNet) on the Proxmox node. Default vmbr0.")
        String bridge,

        @Min(1) @Max(4094) @JsonPropertyDescription("VLAN tag (1-4094); unset means untagged.")
        Integer vlan,

        @Default("virtio") @JsonPropertyDescription("NIC model: virtio (default), e1000, vmxnet3.")
        NicModel model,

        @Pattern(ValidationPatterns.UNICAST_MAC)
        @JsonPropertyDescription("Fixed unicast MAC address, e.g. BC:24:11:00:00:01. Default: Proxmox generates one.")
        String macAddress,

        @JsonPropertyDescription("Enable the Proxmox firewall on this interface. Default false.")
        Boolean firewall,

        @Min(576) @Max(65520) @JsonPropertyDescription("MTU for virtio NICs; unset inherits the bridge MTU.")
        Integer mtu) {

    public NetworkSpec {
        bridge = bridge == null ? "vmbr0" : bridge;
        model = model == null ? NicModel.virtio : model;
    }

    /** QEMU device model names as Proxmox spells them. */
    @SuppressWarnings("java:S115")
    public enum NicModel {
        virtio,
        e1000,
        vmxnet3
    }
}
