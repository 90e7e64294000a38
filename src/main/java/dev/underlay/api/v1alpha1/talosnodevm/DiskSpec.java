package dev.underlay.api.v1alpha1.talosnodevm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.underlay.api.v1alpha1.common.ValidationPatterns;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record DiskSpec(
        @Required
        @Pattern("^(scsi([0-9]|[12][0-9]|30)|virtio([0-9]|1[0-5])|sata[0-5])$")
        @JsonPropertyDescription("Disk slot, e.g. scsi0, virtio1, sata0.")
        String slot,
        @Required
        @Pattern(ValidationPatterns.PVE_STORAGE_ID)
        @JsonPropertyDescription("Proxmox storage ID to allocate the disk on, e.g. vm-disks (Ceph RBD). Immutable per slot.")
        String storage,
        @Required
        @Min(1) @Max(65536)
        @JsonPropertyDescription("Size in GiB. Can only grow.")
        Integer sizeGiB,
        @JsonPropertyDescription("Pass discard/TRIM to the storage. Default true.")
        Boolean discard,
        @JsonPropertyDescription("Present the disk as an SSD to the guest. Default true.")
        Boolean ssd,
        @JsonPropertyDescription("Give the disk its own I/O thread (needs the virtio-scsi-single controller). Default true.")
        Boolean ioThread) {

    public DiskSpec {
        discard = discard == null ? Boolean.TRUE : discard;
        ssd = ssd == null ? Boolean.TRUE : ssd;
        ioThread = ioThread == null ? Boolean.TRUE : ioThread;
    }
}
