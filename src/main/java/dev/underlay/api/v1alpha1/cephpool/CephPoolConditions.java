package dev.underlay.api.v1alpha1.cephpool;

/** Condition types a CephPool carries next to Ready. */
public final class CephPoolConditions {

    /** True while min_size is 1 (Warning level: the pool accepts writes with one copy left). */
    public static final String MIN_SIZE_ONE_RISK = "MinSizeOneRisk";
    /** True while deletionPolicy Delete is refused; the reason DeletionBlocked, the message what blocks it. */
    public static final String DELETION_BLOCKED = "DeletionBlocked";
    /** Whether spec.crushRule was checked against the cluster's CRUSH rules (Unknown on the Proxmox backend). */
    public static final String CRUSH_RULE_VERIFIED = "CrushRuleVerified";

    private CephPoolConditions() {}
}
