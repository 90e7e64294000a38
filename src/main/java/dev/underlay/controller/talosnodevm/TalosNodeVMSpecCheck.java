package dev.underlay.controller.talosnodevm;

import dev.underlay.api.v1alpha1.talosnodevm.BootSpec;
import dev.underlay.api.v1alpha1.talosnodevm.DiskSpec;
import dev.underlay.api.v1alpha1.talosnodevm.TalosNodeVM;
import dev.underlay.api.v1alpha1.talosnodevm.TalosNodeVMSpec;
import dev.underlay.controller.support.InvalidSpecException;
import dev.underlay.controller.support.SpecViolations;
import dev.underlay.controller.support.UnreadableSpec;

import java.util.Objects;
import java.util.stream.Stream;

/** The TalosNodeVM rules of the CRD schema and its CEL rules, re-checked for objects an API server let through. */
final class TalosNodeVMSpecCheck {

    private TalosNodeVMSpecCheck() {}

    static void check(TalosNodeVM vm) throws InvalidSpecException {
        TalosNodeVMSpec spec = vm.getSpec();
        UnreadableSpec.requirePresent(vm, spec);
        SpecViolations violations = new SpecViolations()
                .require(
                        spec.clusterRef() != null
                                && spec.clusterRef().name() != null
                                && !spec.clusterRef().name().isBlank(),
                        "spec.clusterRef.name is required")
                .require(spec.node() != null && !spec.node().isBlank(), "spec.node is required")
                .require(spec.role() != null, "spec.role is required (controlplane or worker)")
                .require(spec.memoryMiB() != null, "spec.memoryMiB is required")
                .inRange(spec.memoryMiB(), 1024, 4194304, "spec.memoryMiB")
                .inRange(spec.vmid(), 100, 999999999, "spec.vmid")
                .require(!spec.disks().isEmpty(), "spec.disks must list at least one disk");
        for (DiskSpec disk : spec.disks()) {
            violations
                    .require(
                            disk != null && disk.slot() != null && disk.storage() != null && disk.sizeGiB() != null,
                            "every spec.disks entry needs slot, storage and sizeGiB")
                    .inRange(disk == null ? null : disk.sizeGiB(), 1, 65536, "spec.disks sizeGiB");
        }
        violations.require(
                spec.disks().stream()
                                .filter(Objects::nonNull)
                                .map(DiskSpec::slot)
                                .distinct()
                                .count()
                        == spec.disks().stream().filter(Objects::nonNull).count(),
                "spec.disks slots must be unique");
        BootSpec boot = spec.boot();
        long bootSources = boot == null
                ? 0
                : Stream.of(boot.iso(), boot.cloneFrom(), boot.importFrom())
                        .filter(Objects::nonNull)
                        .count();
        violations.require(
                bootSources == 1,
                "spec.boot must set exactly one of iso, cloneFrom, importFrom (got " + bootSources + ")");
        violations.throwIfAny();
    }
}
