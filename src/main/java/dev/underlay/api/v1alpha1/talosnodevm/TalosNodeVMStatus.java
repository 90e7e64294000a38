package dev.underlay.api.v1alpha1.talosnodevm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.underlay.api.v1alpha1.common.TaskRef;
import dev.underlay.api.v1alpha1.common.UnderlayStatus;

import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class TalosNodeVMStatus extends UnderlayStatus {

    @JsonPropertyDescription("VMID in use (from spec.vmid, or allocated and persisted here before the VM was created).")
    private Integer vmid;

    @JsonPropertyDescription("SMBIOS UUID of the VM (Talos reports it as the machine UUID).")
    private String smbiosUuid;

    @JsonPropertyDescription("Proxmox node the VM currently runs on.")
    private String node;

    @JsonPropertyDescription("Running, Stopped or Unknown (node offline).")
    private String powerState;

    @JsonPropertyDescription("QEMU monitor status (running, paused, prelaunch, ...).")
    private String qmpStatus;

    @JsonPropertyDescription("IP addresses reported by the guest agent.")
    private List<String> ipAddresses = new ArrayList<>();

    @JsonPropertyDescription("Whether the Kubernetes Node (talos.kubernetesNodeName) is Ready.")
    private Boolean kubernetesNodeReady;

    @JsonPropertyDescription("Digest of the Proxmox VM config last read.")
    private String configDigest;

    @JsonPropertyDescription("Hash of the desired config last applied; avoids no-op writes.")
    private String appliedConfigHash;

    @JsonPropertyDescription("Differences between spec and the VM's actual config.")
    private List<DriftEntry> drift = new ArrayList<>();

    @JsonPropertyDescription("Last Proxmox task the operator started for this VM.")
    private TaskRef lastTask;

    @JsonPropertyDescription("When the full VM config was last read (RFC 3339); drift is looked for periodically.")
    private String configCheckedAt;

    @JsonPropertyDescription("A gated restart in progress (drain, shutdown, start, Node Ready); absent otherwise.")
    private RestartStatus restart;

    public Integer getVmid() {
        return vmid;
    }

    public void setVmid(Integer vmid) {
        this.vmid = vmid;
    }

    public String getSmbiosUuid() {
        return smbiosUuid;
    }

    public void setSmbiosUuid(String smbiosUuid) {
        this.smbiosUuid = smbiosUuid;
    }

    public String getNode() {
        return node;
    }

    public void setNode(String node) {
        this.node = node;
    }

    public String getPowerState() {
        return powerState;
    }

    public void setPowerState(String powerState) {
        this.powerState = powerState;
    }

    public String getQmpStatus() {
        return qmpStatus;
    }

    public void setQmpStatus(String qmpStatus) {
        this.qmpStatus = qmpStatus;
    }

    public List<String> getIpAddresses() {
        return ipAddresses;
    }

    public void setIpAddresses(List<String> ipAddresses) {
        this.ipAddresses = ipAddresses == null ? new ArrayList<>() : new ArrayList<>(ipAddresses);
    }

    public Boolean getKubernetesNodeReady() {
        return kubernetesNodeReady;
    }

    public void setKubernetesNodeReady(Boolean kubernetesNodeReady) {
        this.kubernetesNodeReady = kubernetesNodeReady;
    }

    public String getConfigDigest() {
        return configDigest;
    }

    public void setConfigDigest(String configDigest) {
        this.configDigest = configDigest;
    }

    public String getAppliedConfigHash() {
        return appliedConfigHash;
    }

    public void setAppliedConfigHash(String appliedConfigHash) {
        this.appliedConfigHash = appliedConfigHash;
    }

    public List<DriftEntry> getDrift() {
        return drift;
    }

    public void setDrift(List<DriftEntry> drift) {
        this.drift = drift == null ? new ArrayList<>() : new ArrayList<>(drift);
    }

    public TaskRef getLastTask() {
        return lastTask;
    }

    public void setLastTask(TaskRef lastTask) {
        this.lastTask = lastTask;
    }

    public String getConfigCheckedAt() {
        return configCheckedAt;
    }

    public void setConfigCheckedAt(String configCheckedAt) {
        this.configCheckedAt = configCheckedAt;
    }

    public RestartStatus getRestart() {
        return restart;
    }

    public void setRestart(RestartStatus restart) {
        this.restart = restart;
    }
}
