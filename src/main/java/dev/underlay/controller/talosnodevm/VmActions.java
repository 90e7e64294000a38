package dev.underlay.controller.talosnodevm;

import dev.underlay.controller.talosnodevm.VmAction.Adopt;
import dev.underlay.controller.talosnodevm.VmAction.AttachSeed;
import dev.underlay.controller.talosnodevm.VmAction.Create;
import dev.underlay.controller.talosnodevm.VmAction.DeleteSeed;
import dev.underlay.controller.talosnodevm.VmAction.Destroy;
import dev.underlay.controller.talosnodevm.VmAction.ResizeDisk;
import dev.underlay.controller.talosnodevm.VmAction.Shutdown;
import dev.underlay.controller.talosnodevm.VmAction.Start;
import dev.underlay.controller.talosnodevm.VmAction.Stop;
import dev.underlay.controller.talosnodevm.VmAction.Unmark;
import dev.underlay.controller.talosnodevm.VmAction.UpdateConfig;
import dev.underlay.controller.talosnodevm.VmAction.UploadSeed;
import dev.underlay.proxmox.ProxmoxApi;
import dev.underlay.proxmox.ProxmoxApiException;
import dev.underlay.proxmox.model.CreateVmRequest;
import dev.underlay.proxmox.model.DeleteVmOptions;
import dev.underlay.proxmox.model.DiskResize;
import dev.underlay.proxmox.model.DiskSize;
import dev.underlay.proxmox.model.IsoUpload;
import dev.underlay.proxmox.model.Upid;
import dev.underlay.proxmox.model.VmConfigChange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Carries out the Proxmox actions of a plan, one call each; returns the task to follow, if the call started one.
 * {@link RecordIdentity} is the reconciler's own (it writes the resource, not Proxmox).
 */
final class VmActions {

    static final int SHUTDOWN_TIMEOUT_SECONDS = 180;

    private final ProxmoxApi api;
    /** The cidata image, built only when it is uploaded: it holds the machine config, which is kept nowhere else. */
    private final Supplier<byte[]> seedImage;

    VmActions(ProxmoxApi api, Supplier<byte[]> seedImage) {
        this.api = api;
        this.seedImage = seedImage;
    }

    Optional<Upid> execute(VmAction action) throws ProxmoxApiException {
        if (action instanceof Create create) {
            // nextid?vmid= asks the cluster config itself: it also knows guests the snapshot is too old to show
            api.checkVmidFree(create.vmid());
            return Optional.of(api.createVm(create.node(), CreateVmRequest.of(create.vmid(), create.options())));
        }
        if (action instanceof UploadSeed upload) {
            return Optional.of(upload(upload));
        }
        if (action instanceof AttachSeed attach) {
            api.updateVmConfig(
                    attach.node(),
                    attach.vmid(),
                    VmConfigChange.builder()
                            .set(attach.slot(), attach.volid() + ",media=cdrom")
                            .digest(attach.digest())
                            .build());
            return Optional.empty();
        }
        if (action instanceof Start start) {
            return Optional.of(api.startVm(start.node(), start.vmid()));
        }
        if (action instanceof UpdateConfig update) {
            VmConfigChange.Builder change = VmConfigChange.builder().digest(update.digest());
            update.set().forEach(change::set);
            api.updateVmConfig(update.node(), update.vmid(), change.build());
            return Optional.empty();
        }
        if (action instanceof ResizeDisk resize) {
            return api.resizeDisk(
                    resize.node(),
                    resize.vmid(),
                    DiskResize.growTo(resize.slot(), DiskSize.ofGiB(resize.sizeGiB()), resize.digest()));
        }
        if (action instanceof Shutdown shutdown) {
            // drained already; a guest that ignores ACPI for this long is stopped, it has nothing left to lose
            return Optional.of(api.shutdownVm(shutdown.node(), shutdown.vmid(), SHUTDOWN_TIMEOUT_SECONDS, true));
        }
        if (action instanceof Adopt adopt) {
            writeMarker(adopt.node(), adopt.vmid(), adopt.tags(), adopt.description(), adopt.digest());
            return Optional.empty();
        }
        if (action instanceof Unmark unmark) {
            writeMarker(unmark.node(), unmark.vmid(), unmark.tags(), unmark.description(), unmark.digest());
            return Optional.empty();
        }
        if (action instanceof Stop stop) {
            return Optional.of(api.stopVm(stop.node(), stop.vmid()));
        }
        if (action instanceof Destroy destroy) {
            return Optional.of(api.deleteVm(destroy.node(), destroy.vmid(), DeleteVmOptions.purgeAll()));
        }
        if (action instanceof DeleteSeed delete) {
            return api.deleteVolume(delete.node(), delete.storage(), delete.volid());
        }
        throw new IllegalArgumentException("not a Proxmox action: " + action.describe());
    }

    private void writeMarker(String node, int vmid, List<String> tags, String description, String digest)
            throws ProxmoxApiException {
        VmConfigChange.Builder change = VmConfigChange.builder().digest(digest);
        if (tags.isEmpty()) {
            change.delete("tags");
        } else {
            change.options().tags(tags);
        }
        if (description.isEmpty()) {
            change.delete("description");
        } else {
            change.options().description(description);
        }
        api.updateVmConfig(node, vmid, change.build());
    }

    /** Through a file readable by the operator alone, removed at once: the upload API takes a file. */
    private Upid upload(UploadSeed upload) throws ProxmoxApiException {
        Path file;
        try {
            file = Files.createTempFile(
                    "underlay-cidata-",
                    ".iso",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the cidata image", e);
        }
        try {
            Files.write(file, seedImage.get());
            return api.uploadIso(upload.node(), upload.storage(), IsoUpload.iso(file, upload.filename()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the cidata image", e);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // the temp directory is the operator's own; a leftover is removed with the pod
            }
        }
    }
}
