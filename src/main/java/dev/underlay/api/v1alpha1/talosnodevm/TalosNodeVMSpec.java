package dev.underlay.api.v1alpha1.talosnodevm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.underlay.api.v1alpha1.common.ClusterRef;
import dev.underlay.api.v1alpha1.common.DeletionPolicy;
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

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(oldSelf.vmid) || (has(self.vmid) && self.vmid == oldSelf.vmid)",
        message = "vmid is immutable once set")
@ValidationRule(value = "self.clusterRef == oldSelf.clusterRef", message = "clusterRef is immutable")
@ValidationRule(value = "!has(self.balloonMiB) || self.balloonMiB == 0 || self.balloonMiB <= self.memoryMiB",
        message = "balloonMiB must be 0 (off) or at most memoryMiB")
@ValidationRule(value = "!has(oldSelf.disks) || oldSelf.disks.all(o, !has(self.disks) || !self.disks.exists(n, n.slot == o.slot) "
        + "|| self.disks.exists(n, n.slot == o.slot && n.sizeGiB >= o.sizeGiB))",
        message = "disks can only grow: sizeGiB of an existing slot may not decrease")
@ValidationRule(value = "!has(oldSelf.disks) || oldSelf.disks.all(o, !has(self.disks) || !self.disks.exists(n, n.slot == o.slot) "
        + "|| self.disks.exists(n, n.slot == o.slot && n.storage == o.storage))",
        message = "the storage of an existing disk slot is immutable")
public record TalosNodeVMSpec(
        @Required
        @JsonPropertyDescription("The ProxmoxCluster the VM lives on. Immutable.")
        ClusterRef clusterRef,

        @Min(100) @Max(999999999)
        @JsonPropertyDescription("Proxmox VMID. Optional: if unset one is allocated from the cluster's vmidRange and kept in "
                + "status.vmid. Immutable once set. Setting the VMID of an existing VM does not adopt it unless adopt is true.")
        Integer vmid,

        @Required
        @Pattern(ValidationPatterns.PVE_NODE)
        @JsonPropertyDescription("Proxmox node to place the VM on. Changing it live-migrates the VM (shared storage only). "
                + "A VM moved by HA or a person is reported, not moved back, unless this field changes.")
        String node,

        @Required
        @JsonPropertyDescription("Talos machine role: controlplane or worker. Drives the restart/disruption budget: "
                + "at most one control-plane VM is disrupted at a time.")
        TalosRole role,

        @JsonPropertyDescription("vCPU layout and CPU model.")
        CpuSpec cpu,

        @Required
        @Min(1024) @Max(4194304)
        @JsonPropertyDescription("Memory in MiB. No memory hotplug: Talos would see too little RAM.")
        Integer memoryMiB,

        @Min(0) @Max(4194304)
        @JsonPropertyDescription("Balloon target in MiB; 0 (default) disables ballooning.")
        Integer balloonMiB,

        @JsonPropertyDescription("QEMU guest agent. Enable only when the Talos image carries the qemu-guest-agent extension.")
        GuestAgentSpec guestAgent,

        @Required
        @Size(min = 1, max = 30)
        @ValidationRule(value = "self.all(d, self.exists_one(e, e.slot == d.slot))", message = "disk slots must be unique")
        @JsonPropertyDescription("Disks the operator manages, keyed by slot. Sizes only grow. Disks the operator did not "
                + "create (e.g. CSI-attached volumes) are never touched.")
        List<DiskSpec> disks,

        @Size(min = 0, max = 32)
        @ValidationRule(value = "self.all(n, self.exists_one(m, m.slot == n.slot))", message = "network slots must be unique")
        @JsonPropertyDescription("Network interfaces, keyed by slot.")
        List<NetworkSpec> networks,

        @Required
        @JsonPropertyDescription("Where the VM boots from: exactly one of iso, cloneFrom, importFrom.")
        BootSpec boot,

        @JsonPropertyDescription("Talos machine configuration delivery and the Kubernetes node this VM becomes.")
        TalosSpec talos,

        @JsonPropertyDescription("Proxmox HA for this VM. Default disabled: Kubernetes handles HA above it.")
        HaSpec ha,

        @Default("Running")
        @JsonPropertyDescription("Running (default) or Stopped.")
        PowerState powerState,

        @Default("true")
        @JsonPropertyDescription("Start the VM when its Proxmox node boots (onboot). Default true.")
        Boolean startOnBoot,

        @Size(min = 0, max = 32)
        @JsonPropertyDescription("Proxmox tags, e.g. talos, k8s. The operator adds its own ownership tag.")
        List<@Pattern(ValidationPatterns.PVE_TAG) String> tags,

        @Default("Retain")
        @JsonPropertyDescription("Retain (default) keeps the VM and its disks when the resource is deleted; Delete destroys "
                + "them and purges the VMID from HA, backup and replication jobs.")
        DeletionPolicy deletionPolicy,

        @JsonPropertyDescription("Take over an existing VM with spec.vmid that the operator did not create.")
        Boolean adopt,

        @Default("Manage")
        @JsonPropertyDescription("Manage (default) or Observe (report drift, change nothing).")
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
