package dev.underlay.controller.talosnodevm;

import dev.underlay.api.v1alpha1.proxmoxcluster.VmidRangeSpec;

import java.util.OptionalInt;
import java.util.Set;

/**
 * Picks a VMID from the ProxmoxCluster's vmidRange that no guest of the cluster uses (ours or not) and no other
 * TalosNodeVM has recorded. {@code /cluster/nextid} alone is not enough: it reserves nothing, so two resources asking
 * at once get the same answer, and it knows nothing of a VMID recorded for a VM not created yet.
 */
final class VmidAllocator {

    private VmidAllocator() {}

    static OptionalInt allocate(VmidRangeSpec range, Set<Integer> taken) {
        if (range == null || range.start() == null || range.end() == null) {
            return OptionalInt.empty();
        }
        // bounded by the range, which the schema keeps within 100..999999999; taken holds at most the cluster's guests
        for (long vmid = range.start(); vmid <= range.end(); vmid++) {
            if (!taken.contains((int) vmid)) {
                return OptionalInt.of((int) vmid);
            }
        }
        return OptionalInt.empty();
    }
}
