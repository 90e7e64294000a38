package dev.underlay.api.v1alpha1.common;

import java.util.Set;

/**
 * Reasons the controllers put on conditions. Each says when it occurs and what a person should do. A reason may be
 * followed by ": detail" in the condition message, never in the reason itself (reasons are CamelCase identifiers).
 */
public final class ConditionReasons {
    /** Everything converged. Nothing to do. */
    public static final String RECONCILED = "Reconciled";
    /** A ProxmoxCluster condition in its healthy state: Connected=True, Quorate=True or Degraded=False. */
    public static final String AS_EXPECTED = "AsExpected";
    /** spec.clusterRef names a ProxmoxCluster that does not exist in this namespace. Create it or fix the name. */
    public static final String CLUSTER_NOT_FOUND = "ClusterNotFound";
    /** The referenced ProxmoxCluster exists but is not Ready; its own conditions say why. */
    public static final String CLUSTER_NOT_READY = "ClusterNotReady";
    /** The credentials Secret does not exist. Create it with keys tokenId and tokenSecret. */
    public static final String CREDENTIALS_SECRET_MISSING = "CredentialsSecretMissing";
    /** The credentials Secret lacks a required key or holds an unusable value; the message names the key. */
    public static final String CREDENTIALS_SECRET_INVALID = "CredentialsSecretInvalid";
    /** A Secret referenced for TLS (CA bundle) or another purpose is missing or lacks its key. */
    public static final String SECRET_MISSING = "SecretMissing";
    /** A referenced Secret has its key but the value is unusable (e.g. not PEM); the message says which. */
    public static final String SECRET_INVALID = "SecretInvalid";
    /** The spec fails a rule the API server could not check; the message says which. Fix the spec. */
    public static final String INVALID_SPEC = "InvalidSpec";
    /** Proxmox rejected the API token (401). Check tokenId/tokenSecret and that the token is not expired. */
    public static final String AUTHENTICATION_FAILED = "AuthenticationFailed";
    /** The token lacks a privilege; the message names privilege and path. Grant it (see README). */
    public static final String PERMISSION_DENIED = "PermissionDenied";
    /** The server certificate did not verify against the configured CA. Fix spec.tls.caSecretRef. */
    public static final String TLS_VERIFICATION_FAILED = "TlsVerificationFailed";
    /** The server certificate does not match spec.tls.fingerprintSha256. Check for a renewed cert or a MITM. */
    public static final String TLS_FINGERPRINT_MISMATCH = "TlsFingerprintMismatch";
    /** No endpoint answered. Check network reachability of spec.endpoints. */
    public static final String ENDPOINTS_UNREACHABLE = "EndpointsUnreachable";
    /** /cluster/status reports another cluster name than spec.clusterName. Wrong endpoint or wrong spec. */
    public static final String CLUSTER_NAME_MISMATCH = "ClusterNameMismatch";
    /** spec.expectedNodes and the nodes Proxmox reports differ; the message names the difference. */
    public static final String NODES_MISMATCH = "NodesMismatch";
    /** A node is offline; the message names it. */
    public static final String NODE_OFFLINE = "NodeOffline";
    /** The Proxmox cluster is not quorate; the operator makes no mutating call until it is. */
    public static final String QUORUM_LOST = "QuorumLost";
    /** Degraded=True: a requested node maintenance cannot proceed until a person acts; the message says why. */
    public static final String MAINTENANCE_BLOCKED = "MaintenanceBlocked";
    /** Ceph reports HEALTH_WARN; the message carries Ceph's summary. */
    public static final String CEPH_HEALTH_WARN = "CephHealthWarn";
    /** Ceph reports HEALTH_ERR; the message carries Ceph's summary. */
    public static final String CEPH_HEALTH_ERR = "CephHealthErr";
    /** Proxmox answered with a transient error (5xx, 595/596, timeout); the operator retries with backoff. */
    public static final String PROXMOX_UNAVAILABLE = "ProxmoxUnavailable";
    /** A Proxmox task failed; the message carries the exit status. */
    public static final String PROXMOX_TASK_FAILED = "ProxmoxTaskFailed";
    /** The external object exists but is not marked as this resource's; set spec.adopt to take it over. */
    public static final String OWNERSHIP_CONFLICT = "OwnershipConflict";
    /** The operator waits for a VM lock held by another task (backup, migrate, clone, create). */
    public static final String VM_LOCKED = "VMLocked";
    /** The resource's controller is not implemented in this version; the resource is only validated. */
    public static final String NOT_IMPLEMENTED = "ControllerNotImplemented";
    /** The cluster has not been observed yet (first snapshot pending). */
    public static final String WAITING_FOR_SNAPSHOT = "WaitingForClusterSnapshot";
    /** managementPolicy is Observe: drift is reported, nothing is changed. */
    public static final String OBSERVE_ONLY = "ObserveOnly";
    /** The operator is carrying out a step (record the identity, create, upload, attach, start); see the message. */
    public static final String PROVISIONING = "Provisioning";
    /** A Proxmox task the operator started for this resource is still running. */
    public static final String TASK_RUNNING = "TaskRunning";
    /** spec.vmid is unset and the cluster's vmidRange is unset or used up. */
    public static final String VMID_UNAVAILABLE = "VmidUnavailable";
    /** The Proxmox object this resource created is gone; it is not recreated on its own. */
    public static final String EXTERNAL_OBJECT_MISSING = "ExternalObjectMissing";
    /** PendingRestart=True: Proxmox holds config changes it could not hot-plug; they apply at the gated restart. */
    public static final String CHANGES_PENDING = "ChangesPending";
    /** The restart gate waits: another control-plane node, or too many workers, are unavailable; the message names them. */
    public static final String RESTART_WAITING = "RestartWaiting";
    /** A gated restart is under way (drain, shutdown, start, waiting for the Node to be Ready); the message says which. */
    public static final String RESTARTING = "Restarting";
    /** spec.disks asks for a disk smaller than it is; disks only grow. Set sizeGiB back. */
    public static final String DISK_SHRINK_REFUSED = "DiskShrinkRefused";

    /** BackupPolicy: its TalosNodeVM selector matches no TalosNodeVM with a VMID yet; the job is not written. */
    public static final String NO_GUESTS_SELECTED = "NoGuestsSelected";
    /** BackupPolicy: spec.storage names no storage of the cluster. Add the storage (content backup) or fix the name. */
    public static final String BACKUP_STORAGE_NOT_FOUND = "BackupStorageNotFound";
    /** LastRunFailed=True: the job's last run failed; the message names the failed VMIDs when the task log does. */
    public static final String BACKUP_FAILED = "BackupFailed";
    /** BackupsStale=True: no run of the job succeeded within twice its schedule's period. Check the job's runs. */
    public static final String NO_RECENT_BACKUP = "NoRecentBackup";
    /** StorageNotEncrypted=True: spec.requireEncryption is set and the storage is no PBS storage with a key. */
    public static final String STORAGE_UNENCRYPTED = "StorageUnencrypted";
    /** RestoreTestFailed=True: the last restore test failed (restore or start); the message names the archive. */
    public static final String RESTORE_TEST_FAILED = "RestoreTestFailed";
    /** RestoreTestFailed=True: the restored VM did not run (or its guest agent did not answer) within the timeout. */
    public static final String RESTORE_TEST_TIMED_OUT = "RestoreTestTimedOut";
    /** RestoreTestFailed=Unknown: a restore test is in progress (restoring, starting, or destroying its scratch VM). */
    public static final String RESTORE_TEST_RUNNING = "RestoreTestRunning";
    /** RestoreTestFailed=Unknown: a test is due but no selected VM has an archive on the storage yet. */
    public static final String NO_ARCHIVE_YET = "NoArchiveYet";
    /** RestoreTestFailed=Unknown: a test is due but every scratch VMID is taken. Widen scratchVmidRange. */
    public static final String NO_SCRATCH_VMID = "NoScratchVmidFree";
    /** RestoreTestFailed=Unknown: a test is due but another restore test runs on the cluster; it waits its turn. */
    public static final String RESTORE_TEST_QUEUED = "RestoreTestQueued";

    /** CephPool: min_size is 1, so the pool keeps accepting writes with a single copy left (a Warning-level condition). */
    public static final String MIN_SIZE_ONE_RISK = "MinSizeOneRisk";
    /** CephPool: deletionPolicy Delete is refused for now; the message names what blocks it. The finalizer stays. */
    public static final String DELETION_BLOCKED = "DeletionBlocked";
    /** CephPool: a Ceph operation (create, change, delete, PG split or merge) is still running. */
    public static final String CEPH_OPERATION_RUNNING = "CephOperationRunning";
    /** CephPool: spec.crushRule names no CRUSH rule of the cluster. */
    public static final String CRUSH_RULE_MISSING = "CrushRuleMissing";
    /** CephPool: the backend cannot list CRUSH rules (Proxmox API), so spec.crushRule was not checked in advance. */
    public static final String CRUSH_RULE_UNVERIFIED = "CrushRuleUnverified";
    /** CephPool: spec.proxmoxStorage names a Proxmox storage that exists with another type or pool. */
    public static final String STORAGE_CONFLICT = "StorageConflict";
    /** CephPool: managementPolicy Observe and the pool does not exist; nothing is created. */
    public static final String POOL_MISSING = "PoolMissing";
    /** CephPool: Ceph refused or failed an operation; the message carries Ceph's answer. */
    public static final String CEPH_OPERATION_FAILED = "CephOperationFailed";

    private ConditionReasons() {}

    /**
     * Ready=False reasons that mean "the operator is at work, nothing is wrong": their Events are Normal, not Warning,
     * so that {@code kubectl get events --field-selector type=Warning} shows only what a person should look at.
     */
    public static final Set<String> IN_PROGRESS = Set.of(
            WAITING_FOR_SNAPSHOT, PROVISIONING, TASK_RUNNING, RESTARTING, CEPH_OPERATION_RUNNING, RESTORE_TEST_RUNNING);
}
