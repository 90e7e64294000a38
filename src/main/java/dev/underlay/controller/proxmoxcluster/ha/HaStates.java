package dev.underlay.controller.proxmoxcluster.ha;

/** The values of {@code status.haGroups[].state}. */
final class HaStates {

    /** The group/rule on the cluster matches the spec. */
    static final String IN_SYNC = "InSync";
    /** Created by this call. */
    static final String CREATED = "Created";
    /** Changed (or adopted) by this call; the message names the differences. */
    static final String UPDATED = "Updated";
    /** An owned group/rule whose spec entry is gone was deleted by this call. */
    static final String DELETED = "Deleted";
    /** A group/rule of that name exists that the operator does not own and the spec does not adopt: left alone. */
    static final String CONFLICT = "Conflict";
    /** managementPolicy Observe: differs from the spec (message says how); nothing was written. */
    static final String DRIFT = "Drift";
    /** Cannot be written yet (no HA resources for a rule, no quorum, a mixed cluster); tried again next resync. */
    static final String PENDING = "Pending";
    /** Proxmox refused the write for a reason retrying will not fix; the message has its answer. */
    static final String ERROR = "Error";

    private HaStates() {}
}
