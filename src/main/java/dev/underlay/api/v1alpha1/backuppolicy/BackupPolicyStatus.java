package dev.underlay.api.v1alpha1.backuppolicy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.underlay.api.v1alpha1.common.UnderlayStatus;

import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class BackupPolicyStatus extends UnderlayStatus {

    @JsonPropertyDescription("ID of the Proxmox backup job (/cluster/backup/{id}).")
    private String jobId;

    @JsonPropertyDescription("Next scheduled run as Proxmox reports it (RFC 3339).")
    private String nextRunTime;

    @JsonPropertyDescription("Retention as applied on the job (Proxmox prune-backups), e.g. keep-daily=7.")
    private String keep;

    @JsonPropertyDescription("Last run of the job.")
    private BackupRunStatus lastRun;

    @JsonPropertyDescription(
            "When a run of the job last finished without error (RFC 3339); kept after the task leaves Proxmox's task "
                    + "list, for BackupsStale.")
    private String lastSuccessfulRun;

    @JsonPropertyDescription("Whether the target storage encrypts backups (a PBS storage with an encryption key).")
    private Boolean storageEncrypted;

    @JsonPropertyDescription("VMIDs the job currently covers.")
    private List<Integer> coveredVMIDs = new ArrayList<>();

    @JsonPropertyDescription("Guests no backup job covers (from /cluster/backup-info/not-backed-up).")
    private List<Integer> notBackedUp = new ArrayList<>();

    @JsonPropertyDescription("Newest backup per covered VM.")
    private List<BackupArchiveStatus> latestBackups = new ArrayList<>();

    @JsonPropertyDescription("Result of the last restore test.")
    private RestoreTestResultStatus lastRestoreTest;

    @JsonPropertyDescription("The restore test in progress; its scratch VM is destroyed before it is cleared.")
    private RestoreTestRunStatus restoreTestInProgress;

    @JsonPropertyDescription("When the next restore test is due (RFC 3339).")
    private String nextRestoreTestTime;

    public String getJobId() {
        return jobId;
    }

    public void setJobId(String jobId) {
        this.jobId = jobId;
    }

    public String getNextRunTime() {
        return nextRunTime;
    }

    public void setNextRunTime(String nextRunTime) {
        this.nextRunTime = nextRunTime;
    }

    public String getKeep() {
        return keep;
    }

    public void setKeep(String keep) {
        this.keep = keep;
    }

    public BackupRunStatus getLastRun() {
        return lastRun;
    }

    public void setLastRun(BackupRunStatus lastRun) {
        this.lastRun = lastRun;
    }

    public String getLastSuccessfulRun() {
        return lastSuccessfulRun;
    }

    public void setLastSuccessfulRun(String lastSuccessfulRun) {
        this.lastSuccessfulRun = lastSuccessfulRun;
    }

    public Boolean getStorageEncrypted() {
        return storageEncrypted;
    }

    public void setStorageEncrypted(Boolean storageEncrypted) {
        this.storageEncrypted = storageEncrypted;
    }

    public List<Integer> getCoveredVMIDs() {
        return coveredVMIDs;
    }

    public void setCoveredVMIDs(List<Integer> coveredVMIDs) {
        this.coveredVMIDs = coveredVMIDs == null ? new ArrayList<>() : new ArrayList<>(coveredVMIDs);
    }

    public List<Integer> getNotBackedUp() {
        return notBackedUp;
    }

    public void setNotBackedUp(List<Integer> notBackedUp) {
        this.notBackedUp = notBackedUp == null ? new ArrayList<>() : new ArrayList<>(notBackedUp);
    }

    public List<BackupArchiveStatus> getLatestBackups() {
        return latestBackups;
    }

    public void setLatestBackups(List<BackupArchiveStatus> latestBackups) {
        this.latestBackups = latestBackups == null ? new ArrayList<>() : new ArrayList<>(latestBackups);
    }

    public RestoreTestResultStatus getLastRestoreTest() {
        return lastRestoreTest;
    }

    public void setLastRestoreTest(RestoreTestResultStatus lastRestoreTest) {
        this.lastRestoreTest = lastRestoreTest;
    }

    public RestoreTestRunStatus getRestoreTestInProgress() {
        return restoreTestInProgress;
    }

    public void setRestoreTestInProgress(RestoreTestRunStatus restoreTestInProgress) {
        this.restoreTestInProgress = restoreTestInProgress;
    }

    public String getNextRestoreTestTime() {
        return nextRestoreTestTime;
    }

    public void setNextRestoreTestTime(String nextRestoreTestTime) {
        this.nextRestoreTestTime = nextRestoreTestTime;
    }
}
