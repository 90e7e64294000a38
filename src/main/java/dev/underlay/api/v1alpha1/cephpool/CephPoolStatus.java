package dev.underlay.api.v1alpha1.cephpool;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.underlay.api.v1alpha1.common.TaskRef;
import dev.underlay.api.v1alpha1.common.UnderlayStatus;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class CephPoolStatus extends UnderlayStatus {

    @JsonPropertyDescription("Ceph pool name in use.")
    private String poolName;

    @JsonPropertyDescription("Actual replica count.")
    private Integer size;

    @JsonPropertyDescription("Actual min_size.")
    private Integer minSize;

    @JsonPropertyDescription("Actual placement group count.")
    private Integer pgNum;

    @JsonPropertyDescription("Actual autoscaler mode.")
    private String pgAutoscaleMode;

    @JsonPropertyDescription("Bytes stored (after replication accounting as Ceph reports it).")
    private Long bytesUsed;

    @JsonPropertyDescription("Bytes still available to the pool.")
    private Long maxAvailBytes;

    @JsonPropertyDescription("Percentage used, e.g. \"12.5\".")
    private String percentUsed;

    @JsonPropertyDescription("Number of objects.")
    private Long objects;

    @JsonPropertyDescription("Whether the pool is registered as Proxmox storage (spec.proxmoxStorage).")
    private Boolean storageRegistered;

    @JsonPropertyDescription("Last Proxmox task started for this pool.")
    private TaskRef lastTask;

    public String getPoolName() {
        return poolName;
    }

    public void setPoolName(String poolName) {
        this.poolName = poolName;
    }

    public Integer getSize() {
        return size;
    }

    public void setSize(Integer size) {
        this.size = size;
    }

    public Integer getMinSize() {
        return minSize;
    }

    public void setMinSize(Integer minSize) {
        this.minSize = minSize;
    }

    public Integer getPgNum() {
        return pgNum;
    }

    public void setPgNum(Integer pgNum) {
        this.pgNum = pgNum;
    }

    public String getPgAutoscaleMode() {
        return pgAutoscaleMode;
    }

    public void setPgAutoscaleMode(String pgAutoscaleMode) {
        this.pgAutoscaleMode = pgAutoscaleMode;
    }

    public Long getBytesUsed() {
        return bytesUsed;
    }

    public void setBytesUsed(Long bytesUsed) {
        this.bytesUsed = bytesUsed;
    }

    public Long getMaxAvailBytes() {
        return maxAvailBytes;
    }

    public void setMaxAvailBytes(Long maxAvailBytes) {
        this.maxAvailBytes = maxAvailBytes;
    }

    public String getPercentUsed() {
        return percentUsed;
    }

    public void setPercentUsed(String percentUsed) {
        this.percentUsed = percentUsed;
    }

    public Long getObjects() {
        return objects;
    }

    public void setObjects(Long objects) {
        this.objects = objects;
    }

    public Boolean getStorageRegistered() {
        return storageRegistered;
    }

    public void setStorageRegistered(Boolean storageRegistered) {
        this.storageRegistered = storageRegistered;
    }

    public TaskRef getLastTask() {
        return lastTask;
    }

    public void setLastTask(TaskRef lastTask) {
        this.lastTask = lastTask;
    }
}
