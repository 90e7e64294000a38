package dev.underlay.connection;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static dev.underlay.connection.ApiCall.read;
import static dev.underlay.connection.ApiCall.write;

/**
 * The one table that says, for every {@link dev.underlay.proxmox.ProxmoxApi} method, whether it mutates the cluster
 * and which API area it calls. The quorum gate and the call metrics both read it. It is written out by hand rather
 * than guessed from names or HTTP methods: a wrong guess in the quorum gate would let a write through on a cluster
 * without quorum. A test fails when a method is added to the interface without a line here.
 */
public final class ApiCalls {

    private static final Map<String, ApiCall> BY_METHOD = table();

    private ApiCalls() {}

    /** The classification of a ProxmoxApi method; empty for methods that make no API call (close). */
    public static Optional<ApiCall> of(Method method) {
        return Optional.ofNullable(BY_METHOD.get(method.getName()));
    }

    /** Method names of the table, for the completeness test. */
    static Map<String, ApiCall> table() {
        Map<String, ApiCall> t = new TreeMap<>();
        // cluster and nodes
        t.put("version", read("cluster"));
        t.put("clusterStatus", read("cluster"));
        t.put("clusterResources", read("cluster"));
        t.put("clusterTasks", read("cluster"));
        t.put("nextVmid", read("cluster"));
        t.put("checkVmidFree", read("cluster"));
        t.put("nodes", read("node"));
        t.put("nodeStatus", read("node"));
        t.put("bulkMigrate", write("cluster"));
        // QEMU guests
        t.put("listVms", read("qemu"));
        t.put("listContainers", read("qemu"));
        t.put("createVm", write("qemu"));
        t.put("cloneVm", write("qemu"));
        t.put("vmConfig", read("qemu"));
        t.put("vmCurrentConfig", read("qemu"));
        t.put("updateVmConfig", write("qemu"));
        t.put("updateVmConfigAsync", write("qemu"));
        t.put("vmPending", read("qemu"));
        t.put("vmStatus", read("qemu"));
        t.put("startVm", write("qemu"));
        t.put("shutdownVm", write("qemu"));
        t.put("stopVm", write("qemu"));
        t.put("rebootVm", write("qemu"));
        t.put("migratePrecondition", read("qemu"));
        t.put("migrateVm", write("qemu"));
        t.put("resizeDisk", write("qemu"));
        t.put("deleteVm", write("qemu"));
        t.put("guestNetworkInterfaces", read("qemu"));
        // storage
        t.put("storages", read("storage"));
        t.put("createStorage", write("storage"));
        t.put("updateStorage", write("storage"));
        t.put("deleteStorage", write("storage"));
        t.put("nodeStorages", read("storage"));
        t.put("storageStatus", read("storage"));
        t.put("storageContent", read("storage"));
        t.put("deleteVolume", write("storage"));
        t.put("uploadIso", write("storage"));
        t.put("downloadUrl", write("storage"));
        // HA
        t.put("haGroups", read("ha"));
        t.put("createHaGroup", write("ha"));
        t.put("updateHaGroup", write("ha"));
        t.put("deleteHaGroup", write("ha"));
        t.put("haRules", read("ha"));
        t.put("haRule", read("ha"));
        t.put("createHaRule", write("ha"));
        t.put("updateHaRule", write("ha"));
        t.put("deleteHaRule", write("ha"));
        t.put("haResources", read("ha"));
        t.put("haResource", read("ha"));
        t.put("createHaResource", write("ha"));
        t.put("updateHaResource", write("ha"));
        t.put("deleteHaResource", write("ha"));
        t.put("migrateHaResource", write("ha"));
        t.put("relocateHaResource", write("ha"));
        t.put("haStatus", read("ha"));
        t.put("haManagerStatus", read("ha"));
        // Ceph
        t.put("cephStatus", read("ceph"));
        t.put("cephFlags", read("ceph"));
        t.put("cephFlag", read("ceph"));
        t.put("setCephFlag", write("ceph"));
        t.put("setCephFlags", write("ceph"));
        t.put("cephPools", read("ceph"));
        t.put("cephPool", read("ceph"));
        t.put("createCephPool", write("ceph"));
        t.put("updateCephPool", write("ceph"));
        t.put("deleteCephPool", write("ceph"));
        t.put("cephOsdTree", read("ceph"));
        t.put("cephOsdIn", write("ceph"));
        t.put("cephOsdOut", write("ceph"));
        // backup
        t.put("backupJobs", read("backup"));
        t.put("backupJob", read("backup"));
        t.put("createBackupJob", write("backup"));
        t.put("updateBackupJob", write("backup"));
        t.put("deleteBackupJob", write("backup"));
        t.put("backupJobIncludedVolumes", read("backup"));
        t.put("notBackedUp", read("backup"));
        t.put("vzdump", write("backup"));
        // tasks
        t.put("taskStatus", read("task"));
        t.put("taskLog", read("task"));
        t.put("nodeTasks", read("task"));
        t.put("stopTask", write("task"));
        // access
        t.put("permissions", read("access"));
        return Map.copyOf(t);
    }
}
