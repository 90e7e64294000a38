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
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.sizeGiB >= oldSelf.sizeGiB", message = "disks can only grow: sizeGiB may not decrease")
@ValidationRule(
        value = "self.storage == oldSelf.storage",
        message = "the storage of an existing disk slot is immutable")
public record DiskSpec(
        @Required
        @Size(max = 8)
        @Pattern("^(scsi([0-9]|[12][0-9]|30)|virtio([0-9]|1[0-5])|sata[0-5])$")
        @JsonPropertyDescription("Disk slot, e.g. scsi0, virtio1, sata0.")
        String slot,

        @Required
        @Size(max = 128)
        @Pattern(ValidationPatterns.PVE_STORAGE_ID)
        @JsonPropertyDescription(
                "Proxmox storage ID to allocate the disk on, e.g. vm-disks (Ceph RBD). Immutable per slot.")
        String storage,

        @Required @Min(1) @Max(65536) @JsonPropertyDescription("Size in GiB. Can only grow.")
        Integer sizeGiB,

        @Default("true") @JsonPropertyDescription("Pass discard/TRIM to the storage. Default true.")
        Boolean discard,

        @Default("true") @JsonPropertyDescription("Present the disk as an SSD to the guest. Default true.")
        Boolean ssd,

        @Default("true")
        @JsonPropertyDescription(
                "Give the disk its own I/O thread (needs the virtio-scsi-single controller). Default true.")
        Boolean ioThread) {

    public DiskSpec {
        discard = discard == null ? Boolean.TRUE : discard;
        ssd = ssd == null ? Boolean.TRUE : ssd;
        ioThread = ioThread == null ? Boolean.TRUE : ioThread;
    }
}
