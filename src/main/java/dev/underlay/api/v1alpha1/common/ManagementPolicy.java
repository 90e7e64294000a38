package dev.underlay.api.v1alpha1.common;

/** Whether the operator may change the external object or only report on it. */
public enum ManagementPolicy {
    /** Converge the external object to the spec. */
    Manage,
    /** Read and report drift, change nothing: how an existing cluster is brought under the operator without risk. */
    Observe
}
