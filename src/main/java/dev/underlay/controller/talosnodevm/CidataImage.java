package dev.underlay.controller.talosnodevm;

import dev.underlay.api.v1alpha1.talosnodevm.TalosNodeVM;
import dev.underlay.nocloud.NoCloudSeed;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** The cidata image of a TalosNodeVM: its machine config as user-data, its VM name as hostname. */
final class CidataImage {

    private CidataImage() {}

    /**
     * Stamped with the resource's creation time, not the current time: the same Secret then gives the same bytes on
     * every build, so an image's digest says whether it is current.
     */
    static byte[] of(TalosNodeVM vm, byte[] machineConfig) {
        NoCloudSeed seed = new NoCloudSeed(machineConfig, VmIdentity.vmName(vm), List.of());
        return seed.image(recordedAt(vm));
    }

    private static Instant recordedAt(TalosNodeVM vm) {
        String created = vm.getMetadata().getCreationTimestamp();
        return created == null ? Instant.EPOCH : OffsetDateTime.parse(created).toInstant();
    }
}
