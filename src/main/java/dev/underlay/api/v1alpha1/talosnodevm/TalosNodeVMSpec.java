package dev.underlay.api.v1alpha1.talosnodevm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.underlay.api.v1alpha1.common.ClusterRef;
import dev.underlay.api.v1alpha1.common.DeletionPolicy;
import dev.underlay.api.v1alpha1.common.ListType;
import dev.underlay.api.v1alpha1.common.ManagementPolicy;
import dev.underlay.api.v1alpha1.common.ValidationPatterns;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

import java.util.List;

@JsonInclude(JsonInclude.Include.NON_EMPTY)
@ValidationRule(
        value = "!has(oldSelf.vmid) || (has(self.vmid) && self.vmid == oldSelf.vmid)",
        message = "vmid is immutable once set")
@ValidationRule(value = "self.clusterRef == oldSelf.clusterRef", message = "clusterRef is immutable")
@ValidationRule(
        value = "self.balloonMiB == 0 || self.balloonMiB <= self.memoryMiB",
        message = "balloonMiB must be 0 (off) or at most memoryMiB")
@ValidationRule(
        value = "oldSelf.disks.all(o, self.disks.exists(n, n.slot == o.slot))",
        message = "disks cannot be removed: a disk holds data")
public record TalosNodeVMSpec(
        @Required @JsonPropertyDescription("The ProxmoxCluster the VM lives on. Immutable.")
        ClusterRef clusterRef,

        @Min(100)
        @Max(999999999)
        @JsonPropertyDescription(
                "Proxmox VMID. Optional: if unset one is allocated from the cluster's vmidRange and kept in "
                        + "status.vmid. Immutable once set. Setting the VMID of an existing VM does not adopt it unless adopt is true.")
        Integer vmid,

        @Required
        @Size(min = 1, max = 63)
        @Pattern(ValidationPatterns.PVE_NODE)
        @JsonPropertyDescription(
                "Proxmox node to place the VM on. Changing it live-migrates the VM (shared storage only). "
                        + "A VM moved by HA or a person is reported, not moved back, unless this field changes.")
        String node,

        @Required
        @JsonPropertyDescription("Talos machine role: controlplane or worker. Drives the restart/disruption budget: "
                + "at most one control-plane VM is disrupted at a time.")
        TalosRole role,

        @Default("{}") @JsonPropertyDescription("vCPU layout and CPU model. Default 2 cores, 1 socket, x86-64-v2-AES.")
        CpuSpec cpu,

        @Required
        @Min(1024)
        @Max(4194304)
        @JsonPropertyDescription("Memory in MiB. No memory hotplug: Talos would see too little RAM.")
        Integer memoryMiB,

        @Default("0")
        @Min(0)
        @Max(4194304)
        @JsonPropertyDescription("Balloon target in MiB; 0 (default) disables ballooning.")
        Integer balloonMiB,

        @Default("{}")
        @JsonPropertyDescription(
                "QEMU guest agent. Enable only when the Talos image carries the qemu-guest-agent extension.")
        GuestAgentSpec guestAgent,

        @Required
        @Size(min = 1, max = 30)
        @ListType(value = ListType.Kind.map, keys = "slot")
        @JsonPropertyDescription(
                "Disks the operator manages, keyed by slot. Sizes only grow, a slot's storage never changes "
                        + "and disks cannot be removed. Disks the operator did not create (e.g. CSI-attached volumes) are never "
                        + "touched.")
        List<DiskSpec> disks,

        @Size(max = 32)
        @ListType(value = ListType.Kind.map, keys = "slot")
        @JsonPropertyDescription("Network interfaces, keyed by slot.")
        List<NetworkSpec> networks,

        @Required @JsonPropertyDescription("Where the VM boots from: exactly one of iso, cloneFrom, importFrom.")
        BootSpec boot,

        @JsonPropertyDescription("Talos machine configuration delivery and the Kubernetes node this VM becomes.")
        TalosSpec talos,

        @Default("{}")
        @JsonPropertyDescription("Proxmox HA for this VM. Default disabled: Kubernetes handles HA above it.")
        HaSpec ha,

        @Default("Running") @JsonPropertyDescription("Running (default) or Stopped.")
        PowerState powerState,

        @Default("true") @JsonPropertyDescription("Start the VM when its Proxmox node boots (onboot). Default true.")
        Boolean startOnBoot,

        @Size(max = 32)
        @ListType(ListType.Kind.set)
        @JsonPropertyDescription("Proxmox tags, e.g. talos, k8s. The operator adds its own ownership tag.")
        List<@Size(min = 1, max = 64) @Pattern(ValidationPatterns.PVE_TAG) String> tags,

        @Default("Retain")
        @JsonPropertyDescription(
                "Retain (default) keeps the VM and its disks when the resource is deleted; Delete destroys "
                        + "them and purges the VMID from HA, backup and replication jobs.")
        DeletionPolicy deletionPolicy,

        @JsonPropertyDescription("Take over an existing VM with spec.vmid that the operator did not create.")
        Boolean adopt,

        @Default("Manage") @JsonPropertyDescription("Manage (default) or Observe (report drift, change nothing).")
        ManagementPolicy managementPolicy) {

    public TalosNodeVMSpec {
        cpu = cpu == null ? new CpuSpec(null, null, null) : cpu;
        balloonMiB = balloonMiB == null ? 0 : balloonMiB;
        guestAgent = guestAgent == null ? new GuestAgentSpec(false) : guestAgent;
        disks = disks == null ? List.of() : List.copyOf(disks);
        networks = networks == null ? List.of() : List.copyOf(networks);
        ha = ha == null ? new HaSpec(false, null, null, null, null) : ha;
        powerState = powerState == null ? PowerState.Running : powerState;
        startOnBoot = startOnBoot == null ? Boolean.TRUE : startOnBoot;
        tags = tags == null ? List.of() : List.copyOf(tags);
        deletionPolicy = deletionPolicy == null ? DeletionPolicy.Retain : deletionPolicy;
        managementPolicy = managementPolicy == null ? ManagementPolicy.Manage : managementPolicy;
    }

    /** Talos' own names for machine types. */
    @SuppressWarnings("java:S115")
    public enum TalosRole {
        controlplane,
        worker
    }

    public enum PowerState {
        Running,
        Stopped
    }
}
