package dev.underlay.proxmox.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.underlay.proxmox.ConflictException;
import dev.underlay.proxmox.GuestAgentException;
import dev.underlay.proxmox.InvalidParameterException;
import dev.underlay.proxmox.ProxmoxApi;
import dev.underlay.proxmox.ProxmoxApiException;
import dev.underlay.proxmox.UnsupportedByVersionException;
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
import dev.underlay.proxmox.rest.PveJson.Fields;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static dev.underlay.proxmox.rest.PveWire.path;

/**
 * {@link ProxmoxApi} over any {@link PveTransport}: builds {@link PveRequest}s from typed requests, maps answers
 * to records and errors to {@link ProxmoxApiException}s. Knows nothing about HTTP, so the same class runs against
 * the in-JVM simulator.
 *
 * <p>Version-dependent parameters and endpoints are checked against the cluster's PVE version (read once from
 * {@code /version} when first needed) and refused with {@link UnsupportedByVersionException} before anything is
 * sent, because PVE rejects unknown parameters anyway.
 */
public final class PveRestApi implements ProxmoxApi {

    private final PveTransport transport;
    private final AtomicReference<PveVersion> serverVersion = new AtomicReference<>();

    public PveRestApi(PveTransport transport) {
        this.transport = transport;
    }

    /** For callers that already know the version (tests, the simulator glue): no {@code /version} round trip. */
    public PveRestApi(PveTransport transport, PveVersion knownVersion) {
        this(transport);
        serverVersion.set(knownVersion);
    }

    // --- cluster and nodes ---------------------------------------------------------------------------------

    @Override
    public PveVersion version() throws ProxmoxApiException {
        PveVersion version = read(PveRequest.get("/version"), ClusterCodec::version);
        serverVersion.set(version);
        return version;
    }

    @Override
    public ClusterStatus clusterStatus() throws ProxmoxApiException {
        return read(PveRequest.get("/cluster/status"), ClusterCodec::clusterStatus);
    }

    @Override
    public List<ClusterResource> clusterResources() throws ProxmoxApiException {
        return read(PveRequest.get("/cluster/resources"), ClusterCodec::clusterResources);
    }

    @Override
    public List<ClusterResource> clusterResources(ClusterResourceType type) throws ProxmoxApiException {
        PveParams params = PveParams.builder().add("type", type.wire()).build();
        return read(PveRequest.get("/cluster/resources", params), ClusterCodec::clusterResources);
    }

    @Override
    public List<TaskSummary> clusterTasks() throws ProxmoxApiException {
        return read(PveRequest.get("/cluster/tasks"), TaskCodec::summaries);
    }

    @Override
    public int nextVmid() throws ProxmoxApiException {
        return read(PveRequest.get("/cluster/nextid"), PveRestApi::vmid);
    }

    @Override
    public int checkVmidFree(int vmid) throws ProxmoxApiException {
        PveRequest request = PveRequest.get(
                "/cluster/nextid", PveParams.builder().add("vmid", vmid).build());
        try {
            return read(request, PveRestApi::vmid);
        } catch (InvalidParameterException e) {
            // PVE reports a taken VMID as a parameter error on "vmid"
            if (e.errors().containsKey("vmid")) {
                throw new ConflictException(e.httpStatus(), e.getMessage());
            }
            throw e;
        }
    }

    @Override
    public List<NodeSummary> nodes() throws ProxmoxApiException {
        return read(PveRequest.get("/nodes"), ClusterCodec::nodes);
    }

    @Override
    public NodeStatus nodeStatus(String node) throws ProxmoxApiException {
        return read(PveRequest.get(path("nodes", node, "status")), ClusterCodec::nodeStatus);
    }

    // --- QEMU ----------------------------------------------------------------------------------------------

    @Override
    public List<GuestSummary> listVms(String node) throws ProxmoxApiException {
        return read(PveRequest.get(path("nodes", node, "qemu")), VmCodec::guests);
    }

    @Override
    public List<GuestSummary> listContainers(String node) throws ProxmoxApiException {
        return read(PveRequest.get(path("nodes", node, "lxc")), VmCodec::guests);
    }

    @Override
    public Upid createVm(String node, CreateVmRequest request) throws ProxmoxApiException {
        if (request.haManaged() != null) {
            requireVersion(9, 1, "creating a VM with ha-managed");
        }
        return read(PveRequest.post(path("nodes", node, "qemu"), VmCodec.create(request)), TaskCodec::upid);
    }

    @Override
    public Upid cloneVm(String node, int vmid, CloneVmRequest request) throws ProxmoxApiException {
        return read(PveRequest.post(qemu(node, vmid, "clone"), VmCodec.clone(request)), TaskCodec::upid);
    }

    @Override
    public VmConfig vmConfig(String node, int vmid) throws ProxmoxApiException {
        return read(PveRequest.get(qemu(node, vmid, "config")), VmCodec::config);
    }

    @Override
    public VmConfig vmCurrentConfig(String node, int vmid) throws ProxmoxApiException {
        PveParams params = PveParams.builder().add("current", true).build();
        return read(PveRequest.get(qemu(node, vmid, "config"), params), VmCodec::config);
    }

    @Override
    public void updateVmConfig(String node, int vmid, VmConfigChange change) throws ProxmoxApiException {
        call(PveRequest.put(qemu(node, vmid, "config"), VmCodec.change(change)));
    }

    @Override
    public Optional<Upid> updateVmConfigAsync(String node, int vmid, VmConfigChange change) throws ProxmoxApiException {
        return read(PveRequest.post(qemu(node, vmid, "config"), VmCodec.change(change)), TaskCodec::optionalUpid);
    }

    @Override
    public List<PendingConfigValue> vmPending(String node, int vmid) throws ProxmoxApiException {
        return read(PveRequest.get(qemu(node, vmid, "pending")), VmCodec::pending);
    }

    @Override
    public VmStatus vmStatus(String node, int vmid) throws ProxmoxApiException {
        return read(PveRequest.get(qemu(node, vmid, "status", "current")), VmCodec::status);
    }

    @Override
    public Upid startVm(String node, int vmid) throws ProxmoxApiException {
        return power(node, vmid, "start", PveParams.empty());
    }

    @Override
    public Upid shutdownVm(String node, int vmid, Integer timeoutSeconds, boolean forceStop)
            throws ProxmoxApiException {
        PveParams params = PveParams.builder()
                .add("timeout", timeoutSeconds)
                .add("forceStop", forceStop ? Boolean.TRUE : null)
                .build();
        return power(node, vmid, "shutdown", params);
    }

    @Override
    public Upid stopVm(String node, int vmid) throws ProxmoxApiException {
        return power(node, vmid, "stop", PveParams.empty());
    }

    @Override
    public Upid rebootVm(String node, int vmid, Integer timeoutSeconds) throws ProxmoxApiException {
        return power(
                node,
                vmid,
                "reboot",
                PveParams.builder().add("timeout", timeoutSeconds).build());
    }

    @Override
    public MigratePrecondition migratePrecondition(String node, int vmid, String target) throws ProxmoxApiException {
        PveParams params = PveParams.builder().add("target", target).build();
        return read(PveRequest.get(qemu(node, vmid, "migrate"), params), VmCodec::migratePrecondition);
    }

    @Override
    public Upid migrateVm(String node, int vmid, MigrateRequest request) throws ProxmoxApiException {
        if (request.withConntrackState() != null) {
            requireVersion(9, 0, "migrating with-conntrack-state");
        }
        return read(PveRequest.post(qemu(node, vmid, "migrate"), VmCodec.migrate(request)), TaskCodec::upid);
    }

    @Override
    public Optional<Upid> resizeDisk(String node, int vmid, DiskResize resize) throws ProxmoxApiException {
        return read(PveRequest.put(qemu(node, vmid, "resize"), VmCodec.resize(resize)), TaskCodec::optionalUpid);
    }

    @Override
    public Upid deleteVm(String node, int vmid, DeleteVmOptions options) throws ProxmoxApiException {
        return read(PveRequest.delete(path("nodes", node, "qemu", vmid), VmCodec.delete(options)), TaskCodec::upid);
    }

    @Override
    public List<GuestNetworkInterface> guestNetworkInterfaces(String node, int vmid) throws ProxmoxApiException {
        PveRequest request = PveRequest.get(qemu(node, vmid, "agent", "network-get-interfaces"));
        JsonNode data = call(request);
        Fields error = VmCodec.agentError(data);
        if (error != null) {
            throw new GuestAgentException(
                    200,
                    request.describe() + " failed: guest agent error " + error.str("class") + ": " + error.str("desc"),
                    error.str("class"),
                    false);
        }
        return map(request, data, VmCodec::interfaces);
    }

    // --- storage -------------------------------------------------------------------------------------------

    @Override
    public List<Storage> storages() throws ProxmoxApiException {
        return read(PveRequest.get("/storage"), StorageCodec::storages);
    }

    @Override
    public void createStorage(StorageDefinition definition) throws ProxmoxApiException {
        call(PveRequest.post("/storage", StorageCodec.create(definition)));
    }

    @Override
    public void updateStorage(String storage, StorageUpdate update) throws ProxmoxApiException {
        call(PveRequest.put(path("storage", storage), StorageCodec.update(update)));
    }

    @Override
    public void deleteStorage(String storage) throws ProxmoxApiException {
        call(PveRequest.delete(path("storage", storage), PveParams.empty()));
    }

    @Override
    public List<NodeStorage> nodeStorages(String node) throws ProxmoxApiException {
        return read(PveRequest.get(path("nodes", node, "storage")), StorageCodec::nodeStorages);
    }

    @Override
    public NodeStorage storageStatus(String node, String storage) throws ProxmoxApiException {
        return read(
                PveRequest.get(path("nodes", node, "storage", storage, "status")),
                data -> StorageCodec.nodeStorage(Fields.of(data), storage));
    }

    @Override
    public List<StorageContent> storageContent(String node, String storage, String content, Integer vmid)
            throws ProxmoxApiException {
        return read(
                PveRequest.get(
                        path("nodes", node, "storage", storage, "content"), StorageCodec.contentQuery(content, vmid)),
                StorageCodec::content);
    }

    @Override
    public Optional<Upid> deleteVolume(String node, String storage, String volid) throws ProxmoxApiException {
        return read(
                PveRequest.delete(path("nodes", node, "storage", storage, "content", volid), PveParams.empty()),
                TaskCodec::optionalUpid);
    }

    @Override
    public Upid uploadIso(String node, String storage, IsoUpload upload) throws ProxmoxApiException {
        PveParams params = PveParams.builder()
                .add("content", upload.content())
                .add("checksum", upload.checksum())
                .add("checksum-algorithm", upload.checksumAlgorithm())
                .build();
        PveRequest request = new PveRequest(
                PveMethod.POST,
                path("nodes", node, "storage", storage, "upload"),
                params,
                new PveUpload(upload.file(), upload.filename(), null));
        return read(request, TaskCodec::upid);
    }

    @Override
    public Upid downloadUrl(String node, String storage, DownloadUrlRequest request) throws ProxmoxApiException {
        return read(
                PveRequest.post(
                        path("nodes", node, "storage", storage, "download-url"), StorageCodec.downloadUrl(request)),
                TaskCodec::upid);
    }

    // --- HA ------------------------------------------------------------------------------------------------

    @Override
    public List<HaGroup> haGroups() throws ProxmoxApiException {
        return read(PveRequest.get("/cluster/ha/groups"), HaCodec::groups);
    }

    @Override
    public void createHaGroup(HaGroup group) throws ProxmoxApiException {
        call(PveRequest.post("/cluster/ha/groups", HaCodec.createGroup(group)));
    }

    @Override
    public void updateHaGroup(HaGroup group) throws ProxmoxApiException {
        call(PveRequest.put(path("cluster", "ha", "groups", group.group()), HaCodec.updateGroup(group)));
    }

    @Override
    public void deleteHaGroup(String group) throws ProxmoxApiException {
        call(PveRequest.delete(path("cluster", "ha", "groups", group), PveParams.empty()));
    }

    @Override
    public List<HaRule> haRules() throws ProxmoxApiException {
        requireVersion(9, 0, "HA rules");
        return read(PveRequest.get("/cluster/ha/rules"), HaCodec::rules);
    }

    @Override
    public HaRule haRule(String rule) throws ProxmoxApiException {
        requireVersion(9, 0, "HA rules");
        return read(PveRequest.get(path("cluster", "ha", "rules", rule)), data -> HaCodec.rule(Fields.of(data)));
    }

    @Override
    public void createHaRule(HaRule rule) throws ProxmoxApiException {
        requireVersion(9, 0, "HA rules");
        call(PveRequest.post("/cluster/ha/rules", HaCodec.createRule(rule)));
    }

    @Override
    public void updateHaRule(HaRule rule, List<String> delete) throws ProxmoxApiException {
        requireVersion(9, 0, "HA rules");
        call(PveRequest.put(path("cluster", "ha", "rules", rule.rule()), HaCodec.updateRule(rule, delete)));
    }

    @Override
    public void deleteHaRule(String rule) throws ProxmoxApiException {
        requireVersion(9, 0, "HA rules");
        call(PveRequest.delete(path("cluster", "ha", "rules", rule), PveParams.empty()));
    }

    @Override
    public List<HaResource> haResources() throws ProxmoxApiException {
        return read(PveRequest.get("/cluster/ha/resources"), HaCodec::resources);
    }

    @Override
    public HaResource haResource(String sid) throws ProxmoxApiException {
        return read(PveRequest.get(path("cluster", "ha", "resources", sid)), data -> HaCodec.resource(Fields.of(data)));
    }

    @Override
    public void createHaResource(HaResource resource) throws ProxmoxApiException {
        if (resource.failback() != null) {
            requireVersion(9, 0, "HA resource failback (use a group with nofailback on PVE 8)");
        }
        call(PveRequest.post("/cluster/ha/resources", HaCodec.createResource(resource)));
    }

    @Override
    public void updateHaResource(HaResource resource, List<String> delete) throws ProxmoxApiException {
        if (resource.failback() != null) {
            requireVersion(9, 0, "HA resource failback (use a group with nofailback on PVE 8)");
        }
        call(PveRequest.put(
                path("cluster", "ha", "resources", resource.sid()), HaCodec.updateResource(resource, delete)));
    }

    @Override
    public void deleteHaResource(String sid, Boolean purge) throws ProxmoxApiException {
        if (purge != null) {
            requireVersion(9, 1, "HA resource delete with purge");
        }
        call(PveRequest.delete(
                path("cluster", "ha", "resources", sid),
                PveParams.builder().add("purge", purge).build()));
    }

    @Override
    public Optional<HaMigrationResult> migrateHaResource(String sid, String node) throws ProxmoxApiException {
        return read(
                PveRequest.post(
                        path("cluster", "ha", "resources", sid, "migrate"),
                        PveParams.builder().add("node", node).build()),
                HaCodec::migration);
    }

    @Override
    public Optional<HaMigrationResult> relocateHaResource(String sid, String node) throws ProxmoxApiException {
        return read(
                PveRequest.post(
                        path("cluster", "ha", "resources", sid, "relocate"),
                        PveParams.builder().add("node", node).build()),
                HaCodec::migration);
    }

    @Override
    public List<HaStatusEntry> haStatus() throws ProxmoxApiException {
        return read(PveRequest.get("/cluster/ha/status/current"), HaCodec::status);
    }

    @Override
    public HaManagerStatus haManagerStatus() throws ProxmoxApiException {
        return read(PveRequest.get("/cluster/ha/status/manager_status"), HaCodec::managerStatus);
    }

    // --- Ceph ----------------------------------------------------------------------------------------------

    @Override
    public CephStatus cephStatus() throws ProxmoxApiException {
        return read(PveRequest.get("/cluster/ceph/status"), CephCodec::status);
    }

    @Override
    public List<CephFlagState> cephFlags() throws ProxmoxApiException {
        return read(PveRequest.get("/cluster/ceph/flags"), CephCodec::flags);
    }

    @Override
    public boolean cephFlag(CephFlag flag) throws ProxmoxApiException {
        return read(
                PveRequest.get(path("cluster", "ceph", "flags", flag.wire())),
                data -> Boolean.TRUE.equals(PveJson.toBoolean(data)));
    }

    @Override
    public void setCephFlag(CephFlag flag, boolean value) throws ProxmoxApiException {
        call(PveRequest.put(
                path("cluster", "ceph", "flags", flag.wire()),
                PveParams.builder().add("value", value).build()));
    }

    @Override
    public Upid setCephFlags(Map<CephFlag, Boolean> flags) throws ProxmoxApiException {
        PveParams.Builder params = PveParams.builder();
        flags.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> params.add(e.getKey().wire(), e.getValue()));
        return read(PveRequest.put("/cluster/ceph/flags", params.build()), TaskCodec::upid);
    }

    @Override
    public List<CephPool> cephPools(String node) throws ProxmoxApiException {
        return read(PveRequest.get(path("nodes", node, "ceph", "pool")), CephCodec::pools);
    }

    @Override
    public CephPoolStatus cephPool(String node, String name) throws ProxmoxApiException {
        return read(
                PveRequest.get(
                        path("nodes", node, "ceph", "pool", name, "status"),
                        PveParams.builder().add("verbose", true).build()),
                CephCodec::poolStatus);
    }

    @Override
    public Upid createCephPool(String node, CephPoolSpec spec) throws ProxmoxApiException {
        return read(PveRequest.post(path("nodes", node, "ceph", "pool"), CephCodec.createPool(spec)), TaskCodec::upid);
    }

    @Override
    public Upid updateCephPool(String node, String name, CephPoolChange change) throws ProxmoxApiException {
        return read(
                PveRequest.put(path("nodes", node, "ceph", "pool", name), CephCodec.updatePool(change)),
                TaskCodec::upid);
    }

    @Override
    public Upid deleteCephPool(String node, String name, CephPoolDeleteOptions options) throws ProxmoxApiException {
        return read(
                PveRequest.delete(path("nodes", node, "ceph", "pool", name), CephCodec.deletePool(options)),
                TaskCodec::upid);
    }

    @Override
    public CephOsdTree cephOsdTree(String node) throws ProxmoxApiException {
        return read(PveRequest.get(path("nodes", node, "ceph", "osd")), CephCodec::osdTree);
    }

    @Override
    public void cephOsdIn(String node, int osdId) throws ProxmoxApiException {
        call(PveRequest.post(path("nodes", node, "ceph", "osd", osdId, "in"), PveParams.empty()));
    }

    @Override
    public void cephOsdOut(String node, int osdId) throws ProxmoxApiException {
        call(PveRequest.post(path("nodes", node, "ceph", "osd", osdId, "out"), PveParams.empty()));
    }

    // --- backup --------------------------------------------------------------------------------------------

    @Override
    public List<BackupJob> backupJobs() throws ProxmoxApiException {
        return read(PveRequest.get("/cluster/backup"), BackupCodec::jobs);
    }

    @Override
    public BackupJob backupJob(String id) throws ProxmoxApiException {
        return read(PveRequest.get(path("cluster", "backup", id)), data -> BackupCodec.job(Fields.of(data)));
    }

    @Override
    public void createBackupJob(BackupJob job) throws ProxmoxApiException {
        call(PveRequest.post("/cluster/backup", BackupCodec.createJob(job)));
    }

    @Override
    public void updateBackupJob(BackupJob job, List<String> delete) throws ProxmoxApiException {
        call(PveRequest.put(path("cluster", "backup", job.id()), BackupCodec.updateJob(job, delete)));
    }

    @Override
    public void deleteBackupJob(String id) throws ProxmoxApiException {
        call(PveRequest.delete(path("cluster", "backup", id), PveParams.empty()));
    }

    @Override
    public List<IncludedGuest> backupJobIncludedVolumes(String id) throws ProxmoxApiException {
        return read(PveRequest.get(path("cluster", "backup", id, "included_volumes")), BackupCodec::includedVolumes);
    }

    @Override
    public List<NotBackedUp> notBackedUp() throws ProxmoxApiException {
        return read(PveRequest.get("/cluster/backup-info/not-backed-up"), BackupCodec::notBackedUp);
    }

    @Override
    public Upid vzdump(String node, VzdumpRequest request) throws ProxmoxApiException {
        return read(PveRequest.post(path("nodes", node, "vzdump"), BackupCodec.vzdump(request)), TaskCodec::upid);
    }

    // --- tasks ---------------------------------------------------------------------------------------------

    @Override
    public TaskStatus taskStatus(Upid upid) throws ProxmoxApiException {
        return read(PveRequest.get(path("nodes", upid.node(), "tasks", upid.toString(), "status")), TaskCodec::status);
    }

    @Override
    public List<TaskLogLine> taskLog(Upid upid, int start, int limit) throws ProxmoxApiException {
        PveParams params =
                PveParams.builder().add("start", start).add("limit", limit).build();
        return read(
                PveRequest.get(path("nodes", upid.node(), "tasks", upid.toString(), "log"), params), TaskCodec::log);
    }

    @Override
    public List<TaskSummary> nodeTasks(String node, TaskQuery query) throws ProxmoxApiException {
        return read(PveRequest.get(path("nodes", node, "tasks"), TaskCodec.query(query)), TaskCodec::summaries);
    }

    @Override
    public void stopTask(Upid upid) throws ProxmoxApiException {
        call(PveRequest.delete(path("nodes", upid.node(), "tasks", upid.toString()), PveParams.empty()));
    }

    // --- access and bulk -----------------------------------------------------------------------------------

    @Override
    public Permissions permissions(String path) throws ProxmoxApiException {
        return read(
                PveRequest.get(
                        "/access/permissions",
                        PveParams.builder().add("path", path).build()),
                ClusterCodec::permissions);
    }

    @Override
    public Upid bulkMigrate(BulkMigrateRequest request) throws ProxmoxApiException {
        requireVersion(9, 1, "bulk guest migration");
        PveParams params = PveParams.builder()
                .add("target", request.target())
                .addRepeated("vms", request.vms())
                .add("online", request.online())
                .add("max-workers", request.maxWorkers())
                .add("with-local-disks", request.withLocalDisks())
                .build();
        return read(PveRequest.post("/cluster/bulk-action/guest/migrate", params), TaskCodec::upid);
    }

    @Override
    public void close() {
        transport.close();
    }

    // --- plumbing ------------------------------------------------------------------------------------------

    private Upid power(String node, int vmid, String action, PveParams params) throws ProxmoxApiException {
        return read(PveRequest.post(qemu(node, vmid, "status", action), params), TaskCodec::upid);
    }

    private static String qemu(String node, int vmid, String... rest) {
        Object[] segments = new Object[4 + rest.length];
        segments[0] = "nodes";
        segments[1] = node;
        segments[2] = "qemu";
        segments[3] = vmid;
        System.arraycopy(rest, 0, segments, 4, rest.length);
        return path(segments);
    }

    private void requireVersion(int major, int minor, String feature) throws ProxmoxApiException {
        PveVersion version = serverVersion.get();
        if (version == null) {
            version = version();
        }
        if (version.isBefore(major, minor)) {
            throw new UnsupportedByVersionException(
                    feature + " needs PVE " + major + "." + minor + " or later; the cluster runs " + version);
        }
    }

    /** Sends the request; returns {@code data} of a 2xx answer, throws the classified error otherwise. */
    private JsonNode call(PveRequest request) throws ProxmoxApiException {
        PveResponse response = transport.exchange(request);
        if (!response.isSuccess()) {
            throw PveErrorMapper.map(request, response);
        }
        try {
            return PveJson.parse(response.body()).path("data");
        } catch (PveFormatException e) {
            throw unexpected(request, response.status(), e);
        }
    }

    private <T> T read(PveRequest request, Function<JsonNode, T> mapper) throws ProxmoxApiException {
        return map(request, call(request), mapper);
    }

    private static <T> T map(PveRequest request, JsonNode data, Function<JsonNode, T> mapper)
            throws ProxmoxApiException {
        try {
            return mapper.apply(data);
        } catch (PveFormatException | IllegalArgumentException | ArithmeticException | NullPointerException e) {
            throw unexpected(request, 200, e);
        }
    }

    private static ProxmoxApiException unexpected(PveRequest request, int status, RuntimeException e) {
        return new ProxmoxApiException(status, request.describe() + ": unexpected answer: " + e.getMessage(), false, e);
    }

    /** {@code nextid} answers a string ("100") although the schema says integer. */
    private static int vmid(JsonNode data) {
        Long value = PveJson.toLong(data);
        if (value == null) {
            throw new PveFormatException("expected a VMID, got nothing");
        }
        return Math.toIntExact(value);
    }
}
