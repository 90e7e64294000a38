package dev.underlay.proxmox;

import dev.underlay.proxmox.model.BackupJob;
import dev.underlay.proxmox.model.BulkMigrateRequest;
import dev.underlay.proxmox.model.CephFlag;
import dev.underlay.proxmox.model.CephFlagState;
import dev.underlay.proxmox.model.CephOsdTree;
import dev.underlay.proxmox.model.CephPool;
import dev.underlay.proxmox.model.CephPoolChange;
import dev.underlay.proxmox.model.CephPoolDeleteOptions;
import dev.underlay.proxmox.model.CephPoolSpec;
import dev.underlay.proxmox.model.CephPoolStatus;
import dev.underlay.proxmox.model.CephStatus;
import dev.underlay.proxmox.model.CloneVmRequest;
import dev.underlay.proxmox.model.ClusterResource;
import dev.underlay.proxmox.model.ClusterResourceType;
import dev.underlay.proxmox.model.ClusterStatus;
import dev.underlay.proxmox.model.CreateVmRequest;
import dev.underlay.proxmox.model.DeleteVmOptions;
import dev.underlay.proxmox.model.DiskResize;
import dev.underlay.proxmox.model.DownloadUrlRequest;
import dev.underlay.proxmox.model.GuestNetworkInterface;
import dev.underlay.proxmox.model.GuestSummary;
import dev.underlay.proxmox.model.HaGroup;
import dev.underlay.proxmox.model.HaManagerStatus;
import dev.underlay.proxmox.model.HaMigrationResult;
import dev.underlay.proxmox.model.HaResource;
import dev.underlay.proxmox.model.HaRule;
import dev.underlay.proxmox.model.HaStatusEntry;
import dev.underlay.proxmox.model.IncludedGuest;
import dev.underlay.proxmox.model.IsoUpload;
import dev.underlay.proxmox.model.MigratePrecondition;
import dev.underlay.proxmox.model.MigrateRequest;
import dev.underlay.proxmox.model.NodeStatus;
import dev.underlay.proxmox.model.NodeStorage;
import dev.underlay.proxmox.model.NodeSummary;
import dev.underlay.proxmox.model.NotBackedUp;
import dev.underlay.proxmox.model.PendingConfigValue;
import dev.underlay.proxmox.model.Permissions;
import dev.underlay.proxmox.model.PveVersion;
import dev.underlay.proxmox.model.Storage;
import dev.underlay.proxmox.model.StorageContent;
import dev.underlay.proxmox.model.StorageDefinition;
import dev.underlay.proxmox.model.StorageUpdate;
import dev.underlay.proxmox.model.TaskLogLine;
import dev.underlay.proxmox.model.TaskQuery;
import dev.underlay.proxmox.model.TaskStatus;
import dev.underlay.proxmox.model.TaskSummary;
import dev.underlay.proxmox.model.Upid;
import dev.underlay.proxmox.model.VmConfig;
import dev.underlay.proxmox.model.VmConfigChange;
import dev.underlay.proxmox.model.VmStatus;
import dev.underlay.proxmox.model.VzdumpRequest;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every Proxmox VE call the Underlay controllers make, typed: records in, records out, classified
 * {@link ProxmoxApiException}s. Mutations PVE runs as tasks return the task's {@link Upid} (Optional where PVE may
 * answer null because the work finished synchronously); poll it with {@link #taskStatus(Upid)}.
 *
 * <p>Implementations: the REST client ({@code rest.PveRestApi}) over HTTPS, and the same class over the simulator's
 * in-JVM transport ({@code SimulatedProxmoxApi}); one contract suite holds both to the same behaviour. One instance
 * talks to one cluster and is thread-safe.
 */
public interface ProxmoxApi extends AutoCloseable {

    // --- cluster and nodes ---------------------------------------------------------------------------------

    /** {@code GET /version} of the node we talk to. */
    PveVersion version() throws ProxmoxApiException;

    /** {@code GET /cluster/status}: quorum and node membership. */
    ClusterStatus clusterStatus() throws ProxmoxApiException;

    /** {@code GET /cluster/resources}: guests, nodes and storages (other row types are dropped). */
    List<ClusterResource> clusterResources() throws ProxmoxApiException;

    /** {@code GET /cluster/resources?type=...}. */
    List<ClusterResource> clusterResources(ClusterResourceType type) throws ProxmoxApiException;

    /** {@code GET /cluster/tasks}: recent tasks cluster-wide, running ones included. */
    List<TaskSummary> clusterTasks() throws ProxmoxApiException;

    /** {@code GET /cluster/nextid}: the next free VMID. */
    int nextVmid() throws ProxmoxApiException;

    /** {@code GET /cluster/nextid?vmid=}: returns {@code vmid} when free, else {@link ConflictException}. */
    int checkVmidFree(int vmid) throws ProxmoxApiException;

    /** {@code GET /nodes}. */
    List<NodeSummary> nodes() throws ProxmoxApiException;

    /** {@code GET /nodes/{node}/status}. */
    NodeStatus nodeStatus(String node) throws ProxmoxApiException;

    // --- QEMU guests ---------------------------------------------------------------------------------------

    /** {@code GET /nodes/{node}/qemu}. */
    List<GuestSummary> listVms(String node) throws ProxmoxApiException;

    /** {@code GET /nodes/{node}/lxc} (the operator does not manage containers but must not collide with them). */
    List<GuestSummary> listContainers(String node) throws ProxmoxApiException;

    /** {@code POST /nodes/{node}/qemu}: create, or restore when {@link CreateVmRequest#archive()} is set. */
    Upid createVm(String node, CreateVmRequest request) throws ProxmoxApiException;

    /** {@code POST /nodes/{node}/qemu/{vmid}/clone}. */
    Upid cloneVm(String node, int vmid, CloneVmRequest request) throws ProxmoxApiException;

    /** {@code GET .../config} with pending changes applied (PVE's default view). */
    VmConfig vmConfig(String node, int vmid) throws ProxmoxApiException;

    /** {@code GET .../config?current=1}: the values the running VM uses. */
    VmConfig vmCurrentConfig(String node, int vmid) throws ProxmoxApiException;

    /** {@code PUT .../config}: synchronous update (fails on a stale digest with {@link ConflictException}). */
    void updateVmConfig(String node, int vmid, VmConfigChange change) throws ProxmoxApiException;

    /** {@code POST .../config}: asynchronous update; empty when PVE finished it within its background delay. */
    Optional<Upid> updateVmConfigAsync(String node, int vmid, VmConfigChange change) throws ProxmoxApiException;

    /** {@code GET .../pending}. */
    List<PendingConfigValue> vmPending(String node, int vmid) throws ProxmoxApiException;

    /** {@code GET .../status/current}. */
    VmStatus vmStatus(String node, int vmid) throws ProxmoxApiException;

    /** {@code POST .../status/start}; a {@code hastart} task for HA-managed guests. */
    Upid startVm(String node, int vmid) throws ProxmoxApiException;

    /**
     * {@code POST .../status/shutdown} (ACPI). {@code timeoutSeconds} null = PVE default;
     * {@code forceStop} stops the VM when the timeout expires.
     */
    Upid shutdownVm(String node, int vmid, Integer timeoutSeconds, boolean forceStop) throws ProxmoxApiException;

    /** {@code POST .../status/stop}: hard power-off. */
    Upid stopVm(String node, int vmid) throws ProxmoxApiException;

    /** {@code POST .../status/reboot}: shutdown then start, applying pending changes. */
    Upid rebootVm(String node, int vmid, Integer timeoutSeconds) throws ProxmoxApiException;

    /** {@code GET .../migrate}: preconditions; {@code target} may be null. */
    MigratePrecondition migratePrecondition(String node, int vmid, String target) throws ProxmoxApiException;

    /** {@code POST .../migrate}; a {@code hamigrate} task for HA-managed guests. */
    Upid migrateVm(String node, int vmid, MigrateRequest request) throws ProxmoxApiException;

    /** {@code PUT .../resize}: grow a disk. Older PVE answered null, hence Optional. */
    Optional<Upid> resizeDisk(String node, int vmid, DiskResize resize) throws ProxmoxApiException;

    /** {@code DELETE /nodes/{node}/qemu/{vmid}}. */
    Upid deleteVm(String node, int vmid, DeleteVmOptions options) throws ProxmoxApiException;

    /** {@code GET .../agent/network-get-interfaces}; {@link GuestAgentException} when the agent cannot answer. */
    List<GuestNetworkInterface> guestNetworkInterfaces(String node, int vmid) throws ProxmoxApiException;

    // --- storage -------------------------------------------------------------------------------------------

    /** {@code GET /storage}: datacenter storage definitions. */
    List<Storage> storages() throws ProxmoxApiException;

    /** {@code POST /storage}. */
    void createStorage(StorageDefinition definition) throws ProxmoxApiException;

    /** {@code PUT /storage/{storage}}. */
    void updateStorage(String storage, StorageUpdate update) throws ProxmoxApiException;

    /** {@code DELETE /storage/{storage}}: removes the definition only, never data. */
    void deleteStorage(String storage) throws ProxmoxApiException;

    /** {@code GET /nodes/{node}/storage}. */
    List<NodeStorage> nodeStorages(String node) throws ProxmoxApiException;

    /** {@code GET /nodes/{node}/storage/{storage}/status}. */
    NodeStorage storageStatus(String node, String storage) throws ProxmoxApiException;

    /** {@code GET .../content}; {@code content} ({@code iso}, {@code backup}, ...) and {@code vmid} may be null. */
    List<StorageContent> storageContent(String node, String storage, String content, Integer vmid)
            throws ProxmoxApiException;

    /** {@code DELETE .../content/{volume}}; empty when PVE deleted it synchronously. */
    Optional<Upid> deleteVolume(String node, String storage, String volid) throws ProxmoxApiException;

    /** {@code POST .../upload} (multipart). */
    Upid uploadIso(String node, String storage, IsoUpload upload) throws ProxmoxApiException;

    /** {@code POST .../download-url}. */
    Upid downloadUrl(String node, String storage, DownloadUrlRequest request) throws ProxmoxApiException;

    // --- HA ------------------------------------------------------------------------------------------------

    /** {@code GET /cluster/ha/groups} (PVE 8; {@link HaGroupsMigratedException} on migrated PVE 9). */
    List<HaGroup> haGroups() throws ProxmoxApiException;

    void createHaGroup(HaGroup group) throws ProxmoxApiException;

    /** {@code PUT /cluster/ha/groups/{group}}; null fields are left as they are, an empty comment is removed. */
    void updateHaGroup(HaGroup group) throws ProxmoxApiException;

    void deleteHaGroup(String group) throws ProxmoxApiException;

    /** {@code GET /cluster/ha/rules} (PVE 9.0+; refused by the client on older versions). */
    List<HaRule> haRules() throws ProxmoxApiException;

    HaRule haRule(String rule) throws ProxmoxApiException;

    void createHaRule(HaRule rule) throws ProxmoxApiException;

    /** {@code PUT /cluster/ha/rules/{rule}} with the rule's digest; {@code delete} names options to clear. */
    void updateHaRule(HaRule rule, List<String> delete) throws ProxmoxApiException;

    void deleteHaRule(String rule) throws ProxmoxApiException;

    /** {@code GET /cluster/ha/resources}. */
    List<HaResource> haResources() throws ProxmoxApiException;

    HaResource haResource(String sid) throws ProxmoxApiException;

    void createHaResource(HaResource resource) throws ProxmoxApiException;

    void updateHaResource(HaResource resource, List<String> delete) throws ProxmoxApiException;

    /** {@code DELETE /cluster/ha/resources/{sid}}; {@code purge} (9.1+) also removes it from rules. */
    void deleteHaResource(String sid, Boolean purge) throws ProxmoxApiException;

    /** Online migration via the CRM; empty on PVE 8, which answers null. */
    Optional<HaMigrationResult> migrateHaResource(String sid, String node) throws ProxmoxApiException;

    /** Stop-and-restart relocation via the CRM; empty on PVE 8. */
    Optional<HaMigrationResult> relocateHaResource(String sid, String node) throws ProxmoxApiException;

    /** {@code GET /cluster/ha/status/current}. */
    List<HaStatusEntry> haStatus() throws ProxmoxApiException;

    /** {@code GET /cluster/ha/status/manager_status}. */
    HaManagerStatus haManagerStatus() throws ProxmoxApiException;

    // --- Ceph ----------------------------------------------------------------------------------------------

    /** {@code GET /cluster/ceph/status}. */
    CephStatus cephStatus() throws ProxmoxApiException;

    /** {@code GET /cluster/ceph/flags}. */
    List<CephFlagState> cephFlags() throws ProxmoxApiException;

    /** {@code GET /cluster/ceph/flags/{flag}}. */
    boolean cephFlag(CephFlag flag) throws ProxmoxApiException;

    /** {@code PUT /cluster/ceph/flags/{flag}}: synchronous. */
    void setCephFlag(CephFlag flag, boolean value) throws ProxmoxApiException;

    /** {@code PUT /cluster/ceph/flags}: several at once; a task. */
    Upid setCephFlags(Map<CephFlag, Boolean> flags) throws ProxmoxApiException;

    /** {@code GET /nodes/{node}/ceph/pool}. */
    List<CephPool> cephPools(String node) throws ProxmoxApiException;

    /** {@code GET /nodes/{node}/ceph/pool/{name}/status?verbose=1}: settings and usage of one pool. */
    CephPoolStatus cephPool(String node, String name) throws ProxmoxApiException;

    Upid createCephPool(String node, CephPoolSpec spec) throws ProxmoxApiException;

    Upid updateCephPool(String node, String name, CephPoolChange change) throws ProxmoxApiException;

    Upid deleteCephPool(String node, String name, CephPoolDeleteOptions options) throws ProxmoxApiException;

    /** {@code GET /nodes/{node}/ceph/osd}: the whole OSD tree (all hosts). */
    CephOsdTree cephOsdTree(String node) throws ProxmoxApiException;

    /** {@code POST /nodes/{node}/ceph/osd/{id}/in}: synchronous. */
    void cephOsdIn(String node, int osdId) throws ProxmoxApiException;

    /** {@code POST /nodes/{node}/ceph/osd/{id}/out}: synchronous. */
    void cephOsdOut(String node, int osdId) throws ProxmoxApiException;

    // --- backup --------------------------------------------------------------------------------------------

    /** {@code GET /cluster/backup}. */
    List<BackupJob> backupJobs() throws ProxmoxApiException;

    BackupJob backupJob(String id) throws ProxmoxApiException;

    /** {@code POST /cluster/backup}: synchronous; the job id must be set. */
    void createBackupJob(BackupJob job) throws ProxmoxApiException;

    /** {@code PUT /cluster/backup/{id}}; {@code delete} names options to clear. */
    void updateBackupJob(BackupJob job, List<String> delete) throws ProxmoxApiException;

    void deleteBackupJob(String id) throws ProxmoxApiException;

    /** {@code GET /cluster/backup/{id}/included_volumes}. */
    List<IncludedGuest> backupJobIncludedVolumes(String id) throws ProxmoxApiException;

    /** {@code GET /cluster/backup-info/not-backed-up}. */
    List<NotBackedUp> notBackedUp() throws ProxmoxApiException;

    /** {@code POST /nodes/{node}/vzdump}: an ad-hoc backup task. */
    Upid vzdump(String node, VzdumpRequest request) throws ProxmoxApiException;

    // --- tasks ---------------------------------------------------------------------------------------------

    /** {@code GET /nodes/{upid.node}/tasks/{upid}/status}; always asks the node named in the UPID. */
    TaskStatus taskStatus(Upid upid) throws ProxmoxApiException;

    /** {@code GET /nodes/{upid.node}/tasks/{upid}/log?start=&limit=}. */
    List<TaskLogLine> taskLog(Upid upid, int start, int limit) throws ProxmoxApiException;

    /** {@code GET /nodes/{node}/tasks}. */
    List<TaskSummary> nodeTasks(String node, TaskQuery query) throws ProxmoxApiException;

    /** {@code DELETE /nodes/{upid.node}/tasks/{upid}}: stop a running task. */
    void stopTask(Upid upid) throws ProxmoxApiException;

    // --- access and bulk actions ---------------------------------------------------------------------------

    /** {@code GET /access/permissions[?path=]}: the calling token's effective privileges. */
    Permissions permissions(String path) throws ProxmoxApiException;

    /** PVE 9.1+ {@code POST /cluster/bulk-action/guest/migrate}. */
    Upid bulkMigrate(BulkMigrateRequest request) throws ProxmoxApiException;

    /** Releases connections; the default does nothing. */
    @Override
    default void close() {}
}
