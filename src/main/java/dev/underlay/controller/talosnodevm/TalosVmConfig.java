package dev.underlay.controller.talosnodevm;

import dev.underlay.api.v1alpha1.talosnodevm.DiskSpec;
import dev.underlay.api.v1alpha1.talosnodevm.NetworkSpec;
import dev.underlay.api.v1alpha1.talosnodevm.TalosNodeVMSpec;
import dev.underlay.controller.support.ownership.GuestMarker;
import dev.underlay.controller.support.ownership.OwnerMarker.Owner;
import dev.underlay.proxmox.model.DiskDevice;
import dev.underlay.proxmox.model.VmConfig;
import dev.underlay.proxmox.model.VmOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Proxmox config a TalosNodeVM asks for, and the names of its boot and cidata CD-ROMs. Pure. */
final class TalosVmConfig {

    /** The Talos ISO. */
    static final String BOOT_CDROM = "ide2";
    /** The NoCloud seed, a second CD-ROM: Talos finds it by its cidata label, whatever the slot. */
    static final String SEED_CDROM = "ide3";

    private static final Pattern SMBIOS_UUID = Pattern.compile("(?:^|,)uuid=([0-9a-fA-F-]{36})(?:,|$)");

    private TalosVmConfig() {}

    /**
     * Options of {@code POST /nodes/{node}/qemu}: Talos-friendly defaults (virtio-scsi-single so every disk can have
     * its I/O thread, no memory hotplug because Talos would see too little RAM, the guest agent only when the image
     * has it because PVE shutdowns with {@code agent=1} and no agent hang holding the VM lock), the disk first and the
     * ISO second in the boot order (an empty disk falls through to the installer, an installed one boots itself).
     */
    static VmOptions createOptions(TalosNodeVMSpec spec, String name, String smbiosUuid, Owner owner) {
        VmOptions.Builder options = VmOptions.builder()
                .name(name)
                .ostype("l26")
                .cores(spec.cpu().cores())
                .sockets(spec.cpu().sockets())
                .cpu(spec.cpu().type())
                .memoryMiB(spec.memoryMiB())
                .balloon(spec.balloonMiB())
                .scsihw("virtio-scsi-single")
                .onboot(Boolean.TRUE.equals(spec.startOnBoot()))
                .set("hotplug", "disk,network,usb")
                .set("smbios1", "uuid=" + smbiosUuid)
                .tags(GuestMarker.tags(spec.tags()))
                .description(GuestMarker.description(null, owner));
        if (spec.guestAgent().isEnabled()) {
            options.agent(true);
        }
        List<String> bootOrder = new ArrayList<>();
        for (DiskSpec disk : spec.disks()) {
            options.set(disk.slot(), disk(disk));
            bootOrder.add(disk.slot());
        }
        if (spec.boot().iso() != null) {
            options.set(BOOT_CDROM, spec.boot().iso() + ",media=cdrom");
            bootOrder.add(BOOT_CDROM);
        }
        for (NetworkSpec nic : spec.networks()) {
            options.set(nic.slot(), nic(nic));
        }
        options.boot("order=" + String.join(";", bootOrder));
        return options.build();
    }

    /** Allocation syntax: {@code storage:sizeGiB,options}. */
    static String disk(DiskSpec disk) {
        StringBuilder sb = new StringBuilder(disk.storage()).append(':').append(disk.sizeGiB());
        if (Boolean.TRUE.equals(disk.discard())) {
            sb.append(",discard=on");
        }
        if (Boolean.TRUE.equals(disk.ssd()) && !disk.slot().startsWith("virtio")) {
            sb.append(",ssd=1");
        }
        if (Boolean.TRUE.equals(disk.ioThread()) && !disk.slot().startsWith("sata")) {
            sb.append(",iothread=1");
        }
        return sb.toString();
    }

    private static String nic(NetworkSpec nic) {
        StringBuilder sb = new StringBuilder(nic.model().name());
        if (nic.macAddress() != null) {
            sb.append('=').append(nic.macAddress());
        }
        sb.append(",bridge=").append(nic.bridge());
        if (nic.vlan() != null) {
            sb.append(",tag=").append(nic.vlan());
        }
        if (Boolean.TRUE.equals(nic.firewall())) {
            sb.append(",firewall=1");
        }
        if (nic.mtu() != null) {
            sb.append(",mtu=").append(nic.mtu());
        }
        return sb.toString();
    }

    /** The ISO storage of the boot ISO ({@code local} of {@code local:iso/talos.iso}): where the seed goes too. */
    static Optional<String> seedStorage(TalosNodeVMSpec spec) {
        String iso = spec.boot() == null ? null : spec.boot().iso();
        return iso == null ? Optional.empty() : Optional.of(iso.substring(0, iso.indexOf(':')));
    }

    /** One seed per VMID: the VMID is unique in the cluster, so two VMs never share an image. */
    static String seedFilename(int vmid) {
        return "underlay-cidata-" + vmid + ".iso";
    }

    static String seedVolid(String storage, int vmid) {
        return storage + ":iso/" + seedFilename(vmid);
    }

    static boolean seedAttached(VmConfig config, String volid) {
        return Optional.ofNullable(config.disks().get(SEED_CDROM))
                .map(DiskDevice::volume)
                .filter(volid::equals)
                .isPresent();
    }

    static Optional<String> smbiosUuid(VmConfig config) {
        return config.get("smbios1")
                .map(SMBIOS_UUID::matcher)
                .filter(Matcher::find)
                .map(m -> m.group(1));
    }
}
