package dev.underlay.controller.support;

import dev.underlay.api.v1alpha1.common.ConditionReasons;
import dev.underlay.api.v1alpha1.common.ConditionTypes;

/** The honest Ready state of a kind whose Proxmox/Ceph work is not in this version: checked, resolved, not acted on. */
public final class NotImplementedYet {

    private NotImplementedYet() {}

    public static ConditionState ready(String kind, String clusterName) {
        return ConditionState.isFalse(
                ConditionTypes.READY,
                ConditionReasons.NOT_IMPLEMENTED,
                "spec valid and ProxmoxCluster " + clusterName + " Ready; " + kind
                        + " management is not implemented in this version, nothing was changed on Proxmox");
    }
}
