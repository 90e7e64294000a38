package dev.underlay.controller.cephpool;

import dev.underlay.api.v1alpha1.cephpool.CephPool;
import dev.underlay.api.v1alpha1.cephpool.CephPoolSpec;
import dev.underlay.controller.support.InvalidSpecException;
import dev.underlay.controller.support.SpecViolations;
import dev.underlay.controller.support.UnreadableSpec;

/** The CephPool rules of the CRD schema and its CEL rules, re-checked for objects an API server let through. */
final class CephPoolSpecCheck {

    private CephPoolSpecCheck() {}

    static void check(CephPool pool) throws InvalidSpecException {
        CephPoolSpec spec = pool.getSpec();
        UnreadableSpec.requirePresent(pool, spec);
        new SpecViolations()
                .require(
                        spec.clusterRef() != null
                                && spec.clusterRef().name() != null
                                && !spec.clusterRef().name().isBlank(),
                        "spec.clusterRef.name is required")
                .inRange(spec.size(), 1, 7, "spec.size")
                .inRange(spec.minSize(), 1, 7, "spec.minSize")
                .require(
                        spec.minSize() <= spec.size(),
                        "spec.minSize (" + spec.minSize() + ") must be less than or equal to spec.size (" + spec.size()
                                + ")")
                .whenPresent(
                        spec.pgNum(),
                        n -> n >= 1 && n <= 32768 && Integer.bitCount(n) == 1,
                        () -> "spec.pgNum must be a power of two between 1 and 32768 (got " + spec.pgNum() + ")")
                .require(
                        spec.pgNum() != null || spec.pgAutoscaleMode() != CephPoolSpec.PgAutoscaleMode.off,
                        "spec.pgNum is required when spec.pgAutoscaleMode is off")
                .whenPresent(
                        spec.targetSizeRatio(),
                        r -> r >= 0 && r <= 1,
                        () -> "spec.targetSizeRatio must be between 0 and 1 (got " + spec.targetSizeRatio() + ")")
                .throwIfAny();
    }
}
