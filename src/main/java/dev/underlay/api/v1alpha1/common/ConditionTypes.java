package dev.underlay.api.v1alpha1.common;

/** Condition types written by the controllers. Every kind has {@link #READY}. */
public final class ConditionTypes {
    /** The resource is fully reconciled and healthy; False always carries an actionable reason. */
    public static final String READY = "Ready";
    /** ProxmoxCluster: the operator reached a Proxmox endpoint and authenticated. */
    public static final String CONNECTED = "Connected";
    /** ProxmoxCluster: corosync reports the cluster quorate. */
    public static final String QUORATE = "Quorate";
    /** ProxmoxCluster: something works but not fully (a node offline, Ceph warning, missing privilege). */
    public static final String DEGRADED = "Degraded";
    /** TalosNodeVM: the VM exists on Proxmox. */
    public static final String PROVISIONED = "Provisioned";
    /** TalosNodeVM: the VM's configuration matches the spec (drift listed in status.drift otherwise). */
    public static final String IN_SYNC = "InSync";
    /** TalosNodeVM: a migration to spec.node is in progress. */
    public static final String MIGRATING = "Migrating";
    /** TalosNodeVM: a change needs a restart that the restart gate does not allow yet. */
    public static final String PENDING_RESTART = "PendingRestart";
    /** CephPool: min_size 1 allows writes with a single copy; data loss on one more failure. */
    public static final String MIN_SIZE_ONE_RISK = "MinSizeOneRisk";

    /** BackupPolicy: the last run of the backup job failed (for some or all guests). */
    public static final String LAST_RUN_FAILED = "LastRunFailed";
    /** BackupPolicy: no successful run within twice the schedule's period. */
    public static final String BACKUPS_STALE = "BackupsStale";
    /** BackupPolicy: the last restore test of spec.restoreTest did not pass. */
    public static final String RESTORE_TEST_FAILED = "RestoreTestFailed";
    /** BackupPolicy: spec.requireEncryption is set and the target storage does not encrypt. */
    public static final String STORAGE_NOT_ENCRYPTED = "StorageNotEncrypted";

    private ConditionTypes() {}
}
