package dev.underlay.proxmox.contract;

import dev.underlay.proxmox.AuthenticationException;
import dev.underlay.proxmox.ConflictException;
import dev.underlay.proxmox.GuestAgentException;
import dev.underlay.proxmox.HaGroupsMigratedException;
import dev.underlay.proxmox.HaRulesNotMigratedException;
import dev.underlay.proxmox.InvalidParameterException;
import dev.underlay.proxmox.LockedException;
import dev.underlay.proxmox.NotFoundException;
import dev.underlay.proxmox.NotImplementedException;
import dev.underlay.proxmox.PermissionDeniedException;
import dev.underlay.proxmox.ProxmoxApi;
import dev.underlay.proxmox.ProxmoxApiException;
import dev.underlay.proxmox.TransientException;
import dev.underlay.proxmox.UnsupportedByVersionException;
import dev.underlay.proxmox.model.BackupJob;
import dev.underlay.proxmox.model.BulkMigrateRequest;
import dev.underlay.proxmox.model.CephFlag;
import dev.underlay.proxmox.model.CephFlagState;
import dev.underlay.proxmox.model.CephOsd;
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
import dev.underlay.proxmox.model.DiskDevice;
import dev.underlay.proxmox.model.DiskResize;
import dev.underlay.proxmox.model.DiskSize;
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
import dev.underlay.proxmox.model.NetDevice;
import dev.underlay.proxmox.model.NodePriority;
import dev.underlay.proxmox.model.NodeResource;
import dev.underlay.proxmox.model.NodeStatus;
import dev.underlay.proxmox.model.NodeStorage;
import dev.underlay.proxmox.model.NodeSummary;
import dev.underlay.proxmox.model.NotBackedUp;
import dev.underlay.proxmox.model.PendingConfigValue;
import dev.underlay.proxmox.model.Permissions;
import dev.underlay.proxmox.model.PruneBackups;
import dev.underlay.proxmox.model.Storage;
import dev.underlay.proxmox.model.StorageContent;
import dev.underlay.proxmox.model.StorageDefinition;
import dev.underlay.proxmox.model.StorageResource;
import dev.underlay.proxmox.model.StorageUpdate;
import dev.underlay.proxmox.model.TaskLogLine;
import dev.underlay.proxmox.model.TaskQuery;
import dev.underlay.proxmox.model.TaskStatus;
import dev.underlay.proxmox.model.TaskSummary;
import dev.underlay.proxmox.model.Upid;
import dev.underlay.proxmox.model.VmConfig;
import dev.underlay.proxmox.model.VmConfigChange;
import dev.underlay.proxmox.model.VmOptions;
import dev.underlay.proxmox.model.VmResource;
import dev.underlay.proxmox.model.VmStatus;
import dev.underlay.proxmox.model.VzdumpRequest;
import dev.underlay.simulator.pve.ManualClock;
import dev.underlay.simulator.pve.PveSimulator;
import dev.underlay.simulator.pve.PveSimulatorBuilder;
import dev.underlay.simulator.pve.PveVersion;
import dev.underlay.simulator.pve.VmSeed;
import dev.underlay.simulator.pve.journal.JournalEntry;
import dev.underlay.simulator.pve.model.HaState;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.commons.annotation.Testable;
import org.junit.platform.commons.support.AnnotationSupport;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.platform.commons.support.HierarchyTraversalMode.TOP_DOWN;

/**
 * The behaviour every {@link ProxmoxApi} facade over the simulator must show, in the style of docker-java's
 * transport TCK: one suite, one subclass per facade (in-JVM, and REST client over HTTPS). Each test builds its own
 * simulator, so tests are independent and may run in any order. Where PVE 8.4 and 9.1 differ, both are run.
 *
 * <p>Every api a test uses comes from {@link #api(PveSimulator)} and records the methods it was called with; once a
 * subclass has run all its tests, {@link #everyApiMethodIsExercised(TestInfo)} fails when any method of
 * {@link ProxmoxApi} went untested.
 */
public abstract class ProxmoxApiContract {

    protected static final String N1 = PveSimulatorBuilder.MS01_01;
    protected static final String N2 = PveSimulatorBuilder.MS01_02;
    protected static final String N3 = PveSimulatorBuilder.AIMAX_01;
    protected static final String TOKEN_ID = PveSimulatorBuilder.TOKEN_ID;

    private static final Duration TASK_WAIT = Duration.ofSeconds(20);
    private static final Map<Class<?>, Set<String>> TESTS_RUN = new ConcurrentHashMap<>();

    private final List<AutoCloseable> openedApis = new ArrayList<>();

    /**
     * A facade over {@code simulator} that authenticates with the given API token. Resources it needs beyond the
     * returned api (an HTTPS server) are the subclass's to release in {@link #releaseFacades()}.
     */
    protected abstract ProxmoxApi connect(PveSimulator simulator, String tokenId, String tokenSecret) throws Exception;

    /** Releases whatever {@link #connect} started for the current test; the apis themselves are closed already. */
    protected void releaseFacades() throws Exception {}

    // --- fixture ---------------------------------------------------------------------------------------------

    /** The reference homelab of {@code version}, with a fixed seed. */
    protected static PveSimulatorBuilder homelab(PveVersion version) {
        return PveSimulator.builder().version(version).seed(11);
    }

    /** Builds a quick simulator: tasks take 0-20 ms, the HA manager reacts after 20 ms, 401s are barely held. */
    protected static PveSimulator start(PveSimulatorBuilder builder) {
        return builder.build()
                .taskLatency(Duration.ZERO, Duration.ofMillis(20))
                .haReactionDelay(Duration.ofMillis(20))
                .authFailureDelay(Duration.ofMillis(10));
    }

    protected ProxmoxApi api(PveSimulator simulator) throws Exception {
        return api(simulator, TOKEN_ID, simulator.credentials().tokenSecret());
    }

    protected ProxmoxApi api(PveSimulator simulator, String tokenId, String tokenSecret) throws Exception {
        ProxmoxApi api = ExercisedMethods.recording(getClass(), connect(simulator, tokenId, tokenSecret));
        openedApis.add(api);
        return api;
    }

    @AfterEach
    void closeApis(TestInfo test) throws Exception {
        TESTS_RUN
                .computeIfAbsent(getClass(), c -> ConcurrentHashMap.newKeySet())
                .add(test.getTestMethod().orElseThrow().getName());
        for (AutoCloseable api : openedApis) {
            api.close();
        }
        openedApis.clear();
        releaseFacades();
    }

    @AfterAll
    static void everyApiMethodIsExercised(TestInfo suite) {
        Class<?> type = suite.getTestClass().orElseThrow();
        Set<String> declared = AnnotationSupport.findAnnotatedMethods(type, Testable.class, TOP_DOWN).stream()
                .map(Method::getName)
                .collect(Collectors.toSet());
        if (!TESTS_RUN.getOrDefault(type, Set.of()).containsAll(declared)) {
            return; // a filtered run (one test picked by hand) cannot judge coverage
        }
        assertThat(ExercisedMethods.missing(type))
                .as("ProxmoxApi methods no contract test calls")
                .isEmpty();
    }

    /** Polls the task until it stops (the simulator completes due work on each request) and returns its status. */
    protected static TaskStatus awaitTask(ProxmoxApi api, Upid upid) {
        TaskStatus[] last = new TaskStatus[1];
        polling("task " + upid).until(() -> {
            last[0] = api.taskStatus(upid);
            return last[0].isStopped();
        });
        return last[0];
    }

    protected static TaskStatus awaitSuccess(ProxmoxApi api, Upid upid) {
        TaskStatus status = awaitTask(api, upid);
        assertThat(status.isSuccess())
                .as("%s ended with %s", upid, status.exitStatus())
                .isTrue();
        return status;
    }

    protected static VmResource vmRow(ProxmoxApi api, int vmid) throws ProxmoxApiException {
        return api.clusterResources(ClusterResourceType.VM).stream()
                .map(VmResource.class::cast)
                .filter(r -> r.vmid() == vmid)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no VM " + vmid));
    }

    protected static void awaitVm(ProxmoxApi api, int vmid, String what, Predicate<VmResource> condition) {
        polling(what).until(() -> condition.test(vmRow(api, vmid)));
    }

    /** The simulator answers in microseconds, so poll often, from the start, and give a busy machine time. */
    private static ConditionFactory polling(String what) {
        return await(what).atMost(TASK_WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5));
    }

    private static VmSeed guest(int vmid, String node, String name, String storage) {
        return VmSeed.of(vmid, node)
                .name(name)
                .cores(2)
                .memoryMiB(2048)
                .disk("scsi0", storage, 8)
                .net("net0", "virtio,bridge=vmbr0");
    }

    private static NodePriority prio(String node, int priority) {
        return new NodePriority(node, priority);
    }

    // --- cluster and nodes -----------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(PveVersion.class)
    void versionNamesTheSimulatedRelease(PveVersion version) throws Exception {
        ProxmoxApi api = api(start(homelab(version)));

        dev.underlay.proxmox.model.PveVersion answer = api.version();

        assertThat(answer.toString()).isEqualTo(version.version());
        assertThat(answer.release()).isEqualTo(version.release());
        assertThat(answer.repoid()).isEqualTo(version.repoid());
    }

    @Test
    void clusterStatusShowsTheQuorateHomelab() throws Exception {
        ClusterStatus status = api(start(homelab(PveVersion.PVE_9_1))).clusterStatus();

        assertThat(status.clusterName()).isEqualTo(PveSimulatorBuilder.CLUSTER);
        assertThat(status.isQuorate()).isTrue();
        assertThat(status.nodeCount()).isEqualTo(3);
        assertThat(status.onlineNodes()).containsExactly(N1, N2, N3);
        assertThat(status.node(N3).orElseThrow().ip()).isEqualTo("10.20.20.12");
    }

    @Test
    void clusterResourcesListGuestsNodesAndStoragesAndFilterByType() throws Exception {
        ProxmoxApi api = api(start(homelab(PveVersion.PVE_9_1)
                .vm(guest(101, N1, "talos-cp-1", "vm-disks").tags("talos;cp").running())
                .vm(guest(102, N2, "talos-w-1", "local-zfs"))));

        List<ClusterResource> all = api.clusterResources();

        VmResource cp = all.stream()
                .filter(VmResource.class::isInstance)
                .map(VmResource.class::cast)
                .filter(r -> r.vmid() == 101)
                .findFirst()
                .orElseThrow();
        assertThat(cp.node()).isEqualTo(N1);
        assertThat(cp.name()).isEqualTo("talos-cp-1");
        assertThat(cp.isRunning()).isTrue();
        assertThat(cp.isQemu()).isTrue();
        assertThat(cp.maxMem()).isEqualTo(2048L << 20);
        assertThat(cp.maxDisk()).isEqualTo(8L << 30);
        assertThat(cp.tags()).containsExactly("talos", "cp");
        assertThat(all)
                .filteredOn(NodeResource.class::isInstance)
                .hasSize(3)
                .allSatisfy(n -> assertThat(((NodeResource) n).isOnline()).isTrue());
        List<StorageResource> storages = all.stream()
                .filter(StorageResource.class::isInstance)
                .map(StorageResource.class::cast)
                .toList();
        assertThat(storages).as("7 storages on each of 3 nodes").hasSize(21);
        assertThat(storages)
                .filteredOn(s -> s.storage().equals("vm-disks"))
                .allSatisfy(s -> assertThat(s.shared()).isTrue());
        assertThat(storages)
                .filteredOn(s -> s.storage().equals("local-zfs"))
                .allSatisfy(s -> assertThat(s.shared()).isFalse());

        assertThat(api.clusterResources(ClusterResourceType.VM)).hasSize(2).allMatch(VmResource.class::isInstance);
        assertThat(api.clusterResources(ClusterResourceType.NODE)).hasSize(3).allMatch(NodeResource.class::isInstance);
        assertThat(api.clusterResources(ClusterResourceType.STORAGE))
                .hasSize(21)
                .allMatch(StorageResource.class::isInstance);
    }

    @Test
    void nextVmidSkipsTakenIdsAndATakenIdIsAConflict() throws Exception {
        ProxmoxApi api = api(start(
                homelab(PveVersion.PVE_9_1).vm(guest(100, N1, "a", "vm-disks")).vm(guest(101, N2, "b", "vm-disks"))));

        assertThat(api.nextVmid()).isEqualTo(102);
        assertThat(api.checkVmidFree(500)).isEqualTo(500);
        assertThatThrownBy(() -> api.checkVmidFree(101))
                .isInstanceOfSatisfying(
                        ConflictException.class, e -> assertThat(e.getMessage()).contains("101"));
    }

    @Test
    void nodesAndNodeStatusDescribeTheHardware() throws Exception {
        ProxmoxApi api = api(start(homelab(PveVersion.PVE_8_4)));

        List<NodeSummary> nodes = api.nodes();
        NodeStatus aimax = api.nodeStatus(N3);

        assertThat(nodes).extracting(NodeSummary::node).containsExactly(N1, N2, N3);
        assertThat(nodes).allSatisfy(n -> {
            assertThat(n.isOnline()).isTrue();
            assertThat(n.sslFingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        });
        assertThat(nodes.get(2).maxCpu()).isEqualTo(32);
        assertThat(aimax.version()).map(Object::toString).contains("8.4.2");
        assertThat(aimax.cpus()).isEqualTo(32);
        assertThat(aimax.memoryTotal()).isEqualTo(128L << 30);
        assertThat(aimax.cpuModel()).contains("AMD");
        assertThat(aimax.uptime()).isPositive();
        assertThat(aimax.loadAverage()).hasSize(3);
    }

    // --- QEMU guests -----------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(PveVersion.class)
    void createdVmReadsBackNormalised(PveVersion version) throws Exception {
        ProxmoxApi api = api(start(homelab(version)));
        int vmid = api.nextVmid();
        VmOptions options = VmOptions.builder()
                .name("talos-cp-1")
                .cores(4)
                .memoryMiB(4096)
                .disk("scsi0", DiskDevice.parse("vm-disks:32,discard=on,ssd=1"))
                .net(0, NetDevice.virtio("vmbr0").withOption("tag", "16"))
                .tags(List.of("talos", "control-plane"))
                .agent(true)
                .scsihw("virtio-scsi-single")
                .build();

        Upid upid = api.createVm(N1, CreateVmRequest.of(vmid, options));

        assertThat(upid.type()).isEqualTo("qmcreate");
        assertThat(upid.node()).isEqualTo(N1);
        assertThat(upid.id()).isEqualTo(Integer.toString(vmid));
        assertThat(upid.user()).isEqualTo(TOKEN_ID);
        awaitSuccess(api, upid);
        VmConfig config = api.vmConfig(N1, vmid);
        assertThat(config.name()).contains("talos-cp-1");
        assertThat(config.cores()).hasValue(4);
        assertThat(config.memory().orElseThrow().currentMiB()).isEqualTo(4096);
        assertThat(config.tags()).containsExactly("talos", "control-plane");
        assertThat(config.agentEnabled()).isTrue();
        assertThat(config.scsihw()).contains("virtio-scsi-single");
        DiskDevice scsi0 = config.disks().get("scsi0");
        assertThat(scsi0.volume()).isEqualTo("vm-disks:vm-" + vmid + "-disk-0");
        assertThat(scsi0.size()).contains(DiskSize.ofGiB(32));
        assertThat(scsi0.options()).containsEntry("discard", "on").containsEntry("ssd", "1");
        NetDevice net0 = config.nets().get("net0");
        assertThat(net0.model()).isEqualTo("virtio");
        assertThat(net0.macAddress()).matches("BC:24:11(:[0-9A-F]{2}){3}");
        assertThat(net0.bridge()).isEqualTo("vmbr0");
        assertThat(net0.vlanTag()).isEqualTo(16);
        assertThat(config.boot()).contains("order=scsi0;net0");
        assertThat(config.digest()).isNotBlank();
        assertThat(api.storageContent(N1, "vm-disks", "images", vmid))
                .extracting(StorageContent::volid)
                .containsExactly("vm-disks:vm-" + vmid + "-disk-0");
    }

    @Test
    void taskLifecycleRunsThroughTaskStatusLogAndLists() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
        PveSimulator sim = homelab(PveVersion.PVE_9_1)
                .clock(clock)
                .vm(guest(101, N1, "web", "vm-disks"))
                .build();
        sim.taskLatency(Duration.ofSeconds(5), Duration.ofSeconds(5));
        ProxmoxApi api = api(sim);

        Upid upid = api.startVm(N1, 101);
        TaskStatus running = api.taskStatus(upid);
        List<TaskSummary> listed = api.nodeTasks(N1, TaskQuery.forVm(101));
        List<TaskLogLine> logWhileRunning = api.taskLog(upid, 0, 50);
        clock.advance(Duration.ofSeconds(6));
        TaskStatus done = awaitTask(api, upid);

        assertThat(running.running()).isTrue();
        assertThat(running.exitStatus()).isNull();
        assertThat(listed)
                .filteredOn(t -> t.upid().equals(upid))
                .singleElement()
                .satisfies(t -> assertThat(t.isRunning()).isTrue());
        assertThat(logWhileRunning).isNotEmpty();
        assertThat(done.isSuccess()).isTrue();
        assertThat(done.exitStatus()).isEqualTo("OK");
        assertThat(api.clusterTasks())
                .filteredOn(t -> t.upid().equals(upid))
                .singleElement()
                .satisfies(t -> {
                    assertThat(t.isSuccess()).isTrue();
                    assertThat(t.type()).isEqualTo("qmstart");
                    assertThat(t.user()).isEqualTo(TOKEN_ID);
                    assertThat(t.endTime()).isGreaterThanOrEqualTo(upid.startTime() + 5);
                });
        List<TaskLogLine> log = api.taskLog(upid, 0, 50);
        assertThat(log.get(log.size() - 1).text()).isEqualTo("TASK OK");
        assertThat(api.vmStatus(N1, 101).isRunning()).isTrue();
    }

    @Test
    void failedAndStoppedTasksReportTheirErrors() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
        PveSimulator sim = homelab(PveVersion.PVE_9_1)
                .clock(clock)
                .vm(guest(101, N1, "web", "vm-disks"))
                .vm(guest(102, N1, "db", "vm-disks"))
                .build();
        sim.taskLatency(Duration.ofSeconds(5), Duration.ofSeconds(5));
        sim.faults().failNextTask("qmstart", "start failed: QEMU exited with code 1");
        ProxmoxApi api = api(sim);

        Upid failing = api.startVm(N1, 101);
        Upid stopped = api.startVm(N1, 102);
        api.stopTask(stopped);
        clock.advance(Duration.ofSeconds(6));
        TaskStatus failed = awaitTask(api, failing);
        TaskStatus interrupted = awaitTask(api, stopped);

        assertThat(failed.isFailed()).isTrue();
        assertThat(failed.error()).contains("start failed: QEMU exited with code 1");
        assertThat(api.taskLog(failing, 0, 50))
                .last()
                .extracting(TaskLogLine::text)
                .isEqualTo("TASK ERROR: start failed: QEMU exited with code 1");
        assertThat(interrupted.isFailed()).isTrue();
        assertThat(api.nodeTasks(N1, TaskQuery.all()))
                .filteredOn(t -> t.upid().equals(failing))
                .singleElement()
                .satisfies(t -> assertThat(t.isFailed()).isTrue());
        assertThat(api.vmStatus(N1, 101).isRunning()).isFalse();
        assertThat(api.vmStatus(N1, 102).isRunning()).isFalse();
    }

    @Test
    void nodeTaskListsFilterBySourceVmTypeErrorsAndTime() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
        PveSimulator sim = homelab(PveVersion.PVE_9_1)
                .clock(clock)
                .vm(guest(101, N1, "web", "vm-disks"))
                .vm(guest(102, N1, "db", "vm-disks"))
                .build();
        sim.taskLatency(Duration.ofSeconds(5), Duration.ofSeconds(5));
        sim.faults().failNextTask("qmstart", "start failed");
        ProxmoxApi api = api(sim);
        Upid failed = api.startVm(N1, 101);
        clock.advance(Duration.ofSeconds(6));
        awaitTask(api, failed);
        clock.advance(Duration.ofSeconds(60));
        Upid running = api.startVm(N1, 102);

        assertThat(upids(api.nodeTasks(N1, null)))
                .as("archive (default): finished tasks only")
                .contains(failed)
                .doesNotContain(running);
        assertThat(upids(api.nodeTasks(N1, new TaskQuery(null, null, null, null, "active", null))))
                .containsExactly(running);
        assertThat(upids(api.nodeTasks(N1, new TaskQuery(null, "qmstart", null, null, "all", null))))
                .containsExactly(running, failed);
        assertThat(upids(api.nodeTasks(N1, TaskQuery.forVm(102))))
                .contains(running)
                .doesNotContain(failed);
        assertThat(upids(api.nodeTasks(N1, new TaskQuery(null, "qmstart", 1, null, "all", null))))
                .containsExactly(running);
        assertThat(upids(api.nodeTasks(N1, new TaskQuery(null, null, null, null, "all", true))))
                .containsExactly(failed);
        assertThat(upids(api.nodeTasks(N1, new TaskQuery(null, null, null, running.startTime(), "all", null))))
                .containsExactly(running);
        assertThat(api.nodeTasks(N2, TaskQuery.all())).isEmpty();
    }

    private static List<Upid> upids(List<TaskSummary> tasks) {
        return tasks.stream().map(TaskSummary::upid).toList();
    }

    @Test
    void powerActionsMoveTheVmBetweenRunningAndStopped() throws Exception {
        ProxmoxApi api = api(start(
                homelab(PveVersion.PVE_9_1).vm(guest(101, N1, "web", "vm-disks").agent())));

        awaitSuccess(api, api.startVm(N1, 101));
        VmStatus running = api.vmStatus(N1, 101);
        awaitSuccess(api, api.rebootVm(N1, 101, 60));
        VmStatus rebooted = api.vmStatus(N1, 101);
        awaitSuccess(api, api.shutdownVm(N1, 101, 30, true));
        VmStatus shutDown = api.vmStatus(N1, 101);
        awaitSuccess(api, api.startVm(N1, 101));
        awaitSuccess(api, api.stopVm(N1, 101));

        assertThat(running.isRunning()).isTrue();
        assertThat(running.qmpStatus()).isEqualTo("running");
        assertThat(running.pid()).isPositive();
        assertThat(running.agent()).isTrue();
        assertThat(running.haManaged()).isFalse();
        assertThat(running.name()).isEqualTo("web");
        assertThat(running.maxMem()).isEqualTo(2048L << 20);
        assertThat(rebooted.isRunning()).isTrue();
        assertThat(shutDown.isRunning()).isFalse();
        assertThat(shutDown.pid()).isNull();
        assertThat(api.vmStatus(N1, 101).isRunning()).isFalse();
        assertThat(api.listVms(N1)).singleElement().satisfies(g -> {
            assertThat(g.vmid()).isEqualTo(101);
            assertThat(g.isRunning()).isFalse();
        });
    }

    @Test
    void configUpdatesUseTheDigestAndRunningGuestsCollectPendingChanges() throws Exception {
        ProxmoxApi api = api(start(
                homelab(PveVersion.PVE_9_1).vm(guest(101, N1, "web", "vm-disks").running())));
        VmConfig before = api.vmConfig(N1, 101);

        api.updateVmConfig(
                N1,
                101,
                VmConfigChange.builder()
                        .set("cores", "4")
                        .set("name", "web-1")
                        .digest(before.digest())
                        .build());
        VmConfig pendingView = api.vmConfig(N1, 101);
        VmConfig current = api.vmCurrentConfig(N1, 101);
        List<PendingConfigValue> pending = api.vmPending(N1, 101);

        assertThat(pendingView.cores()).hasValue(4);
        assertThat(pendingView.name()).contains("web-1");
        assertThat(current.cores()).hasValue(2);
        assertThat(current.name()).contains("web-1");
        assertThat(pending)
                .filteredOn(p -> p.key().equals("cores"))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.value()).isEqualTo("2");
                    assertThat(p.pending()).isEqualTo("4");
                    assertThat(p.hasPendingChange()).isTrue();
                });
        assertThat(pendingView.digest()).isNotEqualTo(before.digest());
        assertThatThrownBy(() -> api.updateVmConfig(
                        N1,
                        101,
                        VmConfigChange.builder()
                                .set("cores", "8")
                                .digest(before.digest())
                                .build()))
                .isInstanceOfSatisfying(
                        ConflictException.class,
                        e -> assertThat(e.isRetryable()).isFalse());

        api.updateVmConfig(N1, 101, VmConfigChange.builder().revert("cores").build());
        assertThat(api.vmPending(N1, 101)).noneMatch(PendingConfigValue::hasPendingChange);
        Optional<Upid> async = api.updateVmConfigAsync(
                N1,
                101,
                VmConfigChange.builder()
                        .set("description", "managed by underlay")
                        .delete("tags")
                        .build());
        if (async.isPresent()) {
            awaitSuccess(api, async.get());
        }
        VmConfig after = api.vmConfig(N1, 101);
        assertThat(after.description()).contains("managed by underlay");
        assertThat(after.cores()).hasValue(2);
    }

    @Test
    void textValuesSurviveTheWireUnchanged() throws Exception {
        ProxmoxApi api = api(start(homelab(PveVersion.PVE_9_1).vm(guest(101, N1, "web", "vm-disks"))));
        String description = "Talos control plane – ünïcødé & ok=1+2;a,b %41 / \\ \"quoted\"\nsecond line";

        api.updateVmConfig(
                N1,
                101,
                VmConfigChange.builder()
                        .set("description", description)
                        .set("tags", "talos;k8s.io")
                        .build());

        VmConfig config = api.vmConfig(N1, 101);
        assertThat(config.description()).contains(description);
        assertThat(config.tags()).containsExactly("talos", "k8s.io");
        assertThat(api.permissions("/vms/101").byPath()).containsOnlyKeys("/vms/101");
    }

    @Test
    void migrationChecksLocalDisksAndMovesTheVm() throws Exception {
        ProxmoxApi api = api(start(homelab(PveVersion.PVE_9_1)
                .vm(guest(101, N1, "local", "local-zfs").running())
                .vm(guest(102, N1, "shared", "vm-disks").running())));

        MigratePrecondition local = api.migratePrecondition(N1, 101, N2);
        MigratePrecondition shared = api.migratePrecondition(N1, 102, null);
        assertThat(local.running()).isTrue();
        assertThat(local.allowedNodes()).containsExactlyInAnyOrder(N2, N3);
        assertThat(local.localDisks())
                .extracting(MigratePrecondition.LocalDisk::volid)
                .containsExactly("local-zfs:vm-101-disk-0");
        assertThat(shared.localDisks()).isEmpty();

        awaitSuccess(api, api.migrateVm(N1, 102, MigrateRequest.online(N2)));
        VmResource moved = vmRow(api, 102);
        assertThat(moved.node()).isEqualTo(N2);
        assertThat(moved.isRunning()).isTrue();

        TaskStatus refused = awaitTask(api, api.migrateVm(N1, 101, MigrateRequest.online(N2)));
        assertThat(refused.error()).hasValueSatisfying(e -> assertThat(e).contains("local disk"));
        assertThat(vmRow(api, 101).node()).isEqualTo(N1);
        awaitSuccess(api, api.migrateVm(N1, 101, new MigrateRequest(N3, true, true, null, null, null, null, null)));
        assertThat(vmRow(api, 101).node()).isEqualTo(N3);
        assertThat(api.storageContent(N3, "local-zfs", "images", 101)).hasSize(1);
    }

    @Test
    void disksGrowAndNeverShrink() throws Exception {
        ProxmoxApi api = api(start(homelab(PveVersion.PVE_9_1).vm(guest(101, N1, "web", "vm-disks"))));

        Optional<Upid> grown = api.resizeDisk(N1, 101, DiskResize.growBy("scsi0", DiskSize.ofGiB(4)));

        awaitSuccess(api, grown.orElseThrow());
        VmConfig config = api.vmConfig(N1, 101);
        assertThat(config.disks().get("scsi0").size()).contains(DiskSize.ofGiB(12));
        assertThatThrownBy(
                        () -> api.resizeDisk(N1, 101, DiskResize.growTo("scsi0", DiskSize.ofGiB(4), config.digest())))
                .isInstanceOf(ProxmoxApiException.class)
                .hasMessageContaining("shrinking disks is not supported");
    }

    @Test
    void deleteWithPurgeRemovesTheVmItsDisksAndItsJobs() throws Exception {
        ProxmoxApi api = api(start(homelab(PveVersion.PVE_9_1)
                .vm(guest(101, N1, "web", "vm-disks"))
                .vm(guest(102, N1, "db", "vm-disks"))));
        api.createBackupJob(BackupJob.of("nightly", "02:30", "nfs-backups", List.of(101, 102), "snapshot", null));

        Upid upid = api.deleteVm(N1, 101, DeleteVmOptions.purgeAll());

        assertThat(upid.type()).isEqualTo("qmdestroy");
        awaitSuccess(api, upid);
        assertThat(api.clusterResources(ClusterResourceType.VM))
                .extracting(r -> ((VmResource) r).vmid())
                .containsExactly(102);
        assertThat(api.storageContent(N1, "vm-disks", "images", 101)).isEmpty();
        assertThat(api.backupJob("nightly").vmids()).containsExactly(102);
        assertThatThrownBy(() -> api.vmConfig(N1, 101)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void fullCloneOfATemplateGetsItsOwnDisks() throws Exception {
        ProxmoxApi api = api(start(homelab(PveVersion.PVE_9_1)
                .vm(guest(900, N1, "talos-template", "vm-disks").template())));

        Upid upid = api.cloneVm(N1, 900, CloneVmRequest.fullClone(201, "talos-w-1", "vm-disks"));

        assertThat(upid.type()).isEqualTo("qmclone");
        awaitSuccess(api, upid);
        VmConfig clone = api.vmConfig(N1, 201);
        VmConfig template = api.vmConfig(N1, 900);
        assertThat(clone.name()).contains("talos-w-1");
        assertThat(clone.template()).isFalse();
        assertThat(clone.disks().get("scsi0").volume()).isEqualTo("vm-disks:vm-201-disk-0");
        assertThat(clone.nets().get("net0").macAddress())
                .isNotEqualTo(template.nets().get("net0").macAddress());
        assertThat(template.template()).isTrue();
    }

    @Test
    void guestAgentReportsInterfacesOnlyWhenConfigured() throws Exception {
        ProxmoxApi api = api(start(homelab(PveVersion.PVE_9_1)
                .vm(guest(101, N1, "web", "vm-disks").agent().running())
                .vm(guest(102, N1, "no-agent", "vm-disks").running())));
        String mac = api.vmConfig(N1, 101).nets().get("net0").macAddress();

        List<GuestNetworkInterface> interfaces = api.guestNetworkInterfaces(N1, 101);

        assertThat(interfaces).extracting(GuestNetworkInterface::name).containsExactly("lo", "eth0");
        GuestNetworkInterface eth0 = interfaces.get(1);
        assertThat(eth0.hardwareAddress()).isEqualToIgnoringCase(mac);
        assertThat(eth0.ipAddresses()).singleElement().satisfies(ip -> {
            assertThat(ip.type()).isEqualTo("ipv4");
            assertThat(ip.address()).startsWith("10.8.16.");
            assertThat(ip.prefix()).isEqualTo(24);
        });
        assertThatThrownBy(() -> api.guestNetworkInterfaces(N1, 102))
                .isInstanceOfSatisfying(
                        GuestAgentException.class,
                        e -> assertThat(e.isRetryable()).isFalse());
    }

    @Test
    void listsShowVmsPerNodeAndNoContainers() throws Exception {
        ProxmoxApi api = api(start(homelab(PveVersion.PVE_9_1)
                .vm(guest(101, N1, "web", "vm-disks").running())
                .vm(guest(102, N2, "db", "vm-disks"))));

        List<GuestSummary> onN1 = api.listVms(N1);

        assertThat(onN1).singleElement().satisfies(g -> {
            assertThat(g.vmid()).isEqualTo(101);
            assertThat(g.name()).isEqualTo("web");
            assertThat(g.isRunning()).isTrue();
            assertThat(g.maxMem()).isEqualTo(2048L << 20);
        });
        assertThat(api.listVms(N2)).extracting(GuestSummary::vmid).containsExactly(102);
        assertThat(api.listVms(N3)).isEmpty();
        assertThat(api.listContainers(N1)).isEmpty();
    }

    // --- storage ---------------------------------------------------------------------------------------------

    @Test
    void storageDefinitionsCanBeAddedChangedAndRemoved() throws Exception {
        ProxmoxApi api = api(start(homelab(PveVersion.PVE_9_1).cephPool("k8s", 3, 2, 32)));

        List<Storage> seeded = api.storages();
        api.createStorage(StorageDefinition.rbd("k8s-rbd", "k8s", List.of("images"), true));
        Storage created = storage(api, "k8s-rbd");
        api.updateStorage(
                "k8s-rbd",
                new StorageUpdate(List.of("images", "rootdir"), List.of(N1, N2), true, null, null, null, null));
        Storage updated = storage(api, "k8s-rbd");
        api.deleteStorage("k8s-rbd");

        assertThat(seeded)
                .extracting(Storage::storage)
                .containsExactlyInAnyOrder(
                        "local", "local-zfs", "vm-disks", "nfs-backups", "backups", "nfs-external", "offsite");
        assertThat(seeded)
                .filteredOn(s -> s.storage().equals("offsite"))
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.type()).isEqualTo("pbs");
                    assertThat(s.other()).containsKey("encryption-key");
                });
        assertThat(seeded)
                .filteredOn(s -> s.storage().equals("nfs-backups"))
                .singleElement()
                .satisfies(
                        s -> assertThat(s.pruneBackups()).isEqualTo(PruneBackups.parse("keep-daily=7,keep-weekly=4")));
        assertThat(created.isRbd()).isTrue();
        assertThat(created.pool()).isEqualTo("k8s");
        assertThat(created.content()).containsExactly("images");
        assertThat(created.krbd()).isTrue();
        assertThat(updated.content()).containsExactlyInAnyOrder("images", "rootdir");
        assertThat(updated.nodes()).containsExactly(N1, N2);
        assertThat(updated.disabled()).isTrue();
        assertThat(api.storages()).extracting(Storage::storage).doesNotContain("k8s-rbd");
    }

    private static Storage storage(ProxmoxApi api, String id) throws ProxmoxApiException {
        return api.storages().stream()
                .filter(s -> s.storage().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no storage " + id));
    }

    @Test
    void nodeStoragesReportCapacityAndUsage() throws Exception {
        ProxmoxApi api = api(start(homelab(PveVersion.PVE_9_1).vm(guest(101, N1, "web", "vm-disks"))));

        List<NodeStorage> onN1 = api.nodeStorages(N1);
        NodeStorage rbd = api.storageStatus(N1, "vm-disks");

        assertThat(onN1)
                .extracting(NodeStorage::storage)
                .containsExactlyInAnyOrder(
                        "local", "local-zfs", "vm-disks", "nfs-backups", "backups", "nfs-external", "offsite");
        assertThat(onN1).allSatisfy(s -> {
            assertThat(s.active()).isTrue();
            assertThat(s.enabled()).isTrue();
        });
        assertThat(rbd.storage()).isEqualTo("vm-disks");
        assertThat(rbd.type()).isEqualTo("rbd");
        assertThat(rbd.shared()).isTrue();
        assertThat(rbd.total()).isEqualTo(4L << 40);
        assertThat(rbd.used()).isEqualTo(8L << 30);
        assertThat(rbd.avail()).isEqualTo(rbd.total() - rbd.used());
        assertThat(rbd.content()).containsExactlyInAnyOrder("images", "rootdir");
    }

    @Test
    void isoImagesArriveByUploadAndByUrlAndCanBeDeleted(@TempDir Path dir) throws Exception {
        ProxmoxApi api = api(start(homelab(PveVersion.PVE_9_1)));
        Path iso = Files.write(dir.resolve("talos.iso"), new byte[64 * 1024 + 3]);

        awaitSuccess(api, api.uploadIso(N1, "local", IsoUpload.iso(iso, "talos-v1.9.5-amd64.iso")));
        awaitSuccess(
                api,
                api.downloadUrl(
                        N1,
                        "local",
                        DownloadUrlRequest.iso(
                                "https://factory.talos.dev/image/abc/v1.9.5/metal-amd64.iso",
                                "talos-factory.iso",
                                null)));
        List<StorageContent> isos = api.storageContent(N1, "local", "iso", null);
        Optional<Upid> deleted = api.deleteVolume(N1, "local", "local:iso/talos-v1.9.5-amd64.iso");
        if (deleted.isPresent()) {
            awaitSuccess(api, deleted.get());
        }

        assertThat(isos)
                .extracting(StorageContent::volid)
                .containsExactlyInAnyOrder("local:iso/talos-v1.9.5-amd64.iso", "local:iso/talos-factory.iso");
        assertThat(isos)
                .filteredOn(c -> c.volid().endsWith("amd64.iso"))
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.size()).isEqualTo(64 * 1024 + 3);
                    assertThat(c.content()).isEqualTo("iso");
                });
        assertThat(api.storageContent(N1, "local", "iso", null))
                .extracting(StorageContent::volid)
                .containsExactly("local:iso/talos-factory.iso");
        assertThatThrownBy(() -> api.uploadIso(N1, "vm-disks", IsoUpload.iso(iso, "x.iso")))
                .isInstanceOf(ProxmoxApiException.class)
                .hasMessageContaining("does not support 'iso' content");
    }

    // --- HA --------------------------------------------------------------------------------------------------

    @Test
    void haGroupsOnPve8PlaceManagedVms() throws Exception {
        ProxmoxApi api = api(start(homelab(PveVersion.PVE_8_4).vm(guest(101, N1, "cp", "vm-disks"))));

        api.createHaGroup(new HaGroup("prefer-ms01", List.of(prio(N1, 2), prio(N2, 1)), true, false, "talos", null));
        api.updateHaGroup(new HaGroup("prefer-ms01", List.of(prio(N2, 2), prio(N1, 1)), null, true, null, null));
        api.createHaResource(new HaResource("vm:101", null, "started", "prefer-ms01", null, 2, 1, "cp", null));
        awaitVm(api, 101, "HA starts vm 101", VmResource::isRunning);

        HaGroup group = api.haGroups().get(0);
        assertThat(group.group()).isEqualTo("prefer-ms01");
        assertThat(group.nodes()).containsExactly(prio(N2, 2), prio(N1, 1));
        assertThat(group.restricted()).isTrue();
        assertThat(group.nofailback()).isTrue();
        assertThat(api.haResources()).extracting(HaResource::sid).containsExactly("vm:101");
        HaResource resource = api.haResource("vm:101");
        assertThat(resource.group()).isEqualTo("prefer-ms01");
        assertThat(resource.maxRestart()).isEqualTo(2);
        assertThat(resource.comment()).isEqualTo("cp");
        VmStatus status = api.vmStatus(N1, 101);
        assertThat(status.haManaged()).isTrue();
        assertThat(status.haState()).isEqualTo("started");
        assertThat(api.haStatus())
                .filteredOn(HaStatusEntry.Service.class::isInstance)
                .singleElement()
                .satisfies(s -> assertThat(((HaStatusEntry.Service) s).sid()).isEqualTo("vm:101"));
        assertThat(api.haStatus()).noneMatch(HaStatusEntry.Fencing.class::isInstance);

        assertThat(api.migrateHaResource("vm:101", N2)).isEmpty();
        awaitVm(api, 101, "HA migrates vm 101 to " + N2, vm -> vm.node().equals(N2));
        assertThat(api.relocateHaResource("vm:101", N3)).isEmpty();
        awaitVm(api, 101, "HA relocates vm 101 to " + N3, vm -> vm.node().equals(N3));
        assertThatThrownBy(api::haRules).isInstanceOf(UnsupportedByVersionException.class);

        api.updateHaResource(
                new HaResource("vm:101", null, "stopped", null, null, null, null, null, null), List.of("comment"));
        assertThat(api.haResource("vm:101").comment()).isNull();
        awaitVm(api, 101, "HA stops vm 101", vm -> !vm.isRunning());
        api.deleteHaResource("vm:101", null);
        api.deleteHaGroup("prefer-ms01");
        assertThat(api.haResources()).isEmpty();
        assertThat(api.haGroups()).isEmpty();
    }

    @Test
    void haRulesOnPve9ReplaceGroups() throws Exception {
        ProxmoxApi api = api(start(homelab(PveVersion.PVE_9_1)
                .vm(guest(101, N1, "cp", "vm-disks"))
                .vm(guest(102, N2, "cp2", "vm-disks"))));
        api.createHaResource(HaResource.vm(101, "started"));
        api.createHaResource(new HaResource("vm:102", null, "started", null, false, null, null, null, null));

        api.createHaRule(HaRule.nodeAffinity("cp-on-ms01", List.of("vm:101"), List.of(prio(N1, 2), prio(N2, 1)), true));
        api.createHaRule(HaRule.resourceAffinity("spread-cp", List.of("vm:101", "vm:102"), HaRule.Affinity.NEGATIVE));
        HaRule nodeRule = api.haRule("cp-on-ms01");
        api.updateHaRule(
                new HaRule(
                        "cp-on-ms01",
                        HaRule.Type.NODE_AFFINITY,
                        List.of("vm:101"),
                        List.of(prio(N1, 1)),
                        false,
                        null,
                        null,
                        "relaxed",
                        null,
                        nodeRule.digest()),
                List.of());

        List<HaRule> rules = api.haRules();
        assertThat(rules).extracting(HaRule::rule).containsExactly("cp-on-ms01", "spread-cp");
        HaRule updated = rules.get(0);
        assertThat(updated.type()).isEqualTo(HaRule.Type.NODE_AFFINITY);
        assertThat(updated.nodes()).containsExactly(prio(N1, 1));
        assertThat(updated.strict()).isFalse();
        assertThat(updated.comment()).isEqualTo("relaxed");
        assertThat(updated.order()).isEqualTo(1);
        HaRule spread = api.haRule("spread-cp");
        assertThat(spread.affinity()).isEqualTo(HaRule.Affinity.NEGATIVE);
        assertThat(spread.resources()).containsExactly("vm:101", "vm:102");
        assertThat(api.haResource("vm:102").failback()).isFalse();
        assertThat(api.haStatus())
                .filteredOn(HaStatusEntry.Fencing.class::isInstance)
                .hasSize(1);
        assertThatThrownBy(api::haGroups).isInstanceOf(HaGroupsMigratedException.class);
        assertThatThrownBy(() -> api.updateHaResource(
                        new HaResource("vm:101", null, null, "old-group", null, null, null, null, null), List.of()))
                .isInstanceOf(HaGroupsMigratedException.class);

        Optional<HaMigrationResult> migration = api.migrateHaResource("vm:101", N2);
        assertThat(migration).hasValueSatisfying(m -> {
            assertThat(m.sid()).isEqualTo("vm:101");
            assertThat(m.requestedNode()).isEqualTo(N2);
        });
        awaitVm(api, 101, "HA migrates vm 101 to " + N2, vm -> vm.node().equals(N2));
        assertThat(api.relocateHaResource("vm:101", N3))
                .map(HaMigrationResult::requestedNode)
                .contains(N3);
        awaitVm(api, 101, "HA relocates vm 101 to " + N3, vm -> vm.node().equals(N3));

        api.deleteHaResource("vm:102", true);
        assertThat(api.haRule("spread-cp").resources()).containsExactly("vm:101");
        api.deleteHaRule("cp-on-ms01");
        assertThat(api.haRules()).extracting(HaRule::rule).containsExactly("spread-cp");
    }

    @Test
    void haRulesAreRefusedUntilGroupsAreMigrated() throws Exception {
        ProxmoxApi api = api(
                start(homelab(PveVersion.PVE_9_1).haMode(HaState.Mode.GROUPS).vm(guest(101, N1, "cp", "vm-disks"))));
        api.createHaResource(HaResource.vm(101, "started"));

        assertThatThrownBy(api::haRules)
                .isInstanceOfSatisfying(
                        HaRulesNotMigratedException.class,
                        e -> assertThat(e.httpStatus()).isEqualTo(500));
        assertThatThrownBy(() -> api.createHaRule(
                        HaRule.nodeAffinity("cp-rule", List.of("vm:101"), List.of(prio(N1, 1)), false)))
                .isInstanceOf(HaRulesNotMigratedException.class);
        assertThat(api.haGroups()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(PveVersion.class)
    void powerAndMigrationOfHaManagedVmsAreRequestsToTheHaManager(PveVersion version) throws Exception {
        ProxmoxApi api =
                api(start(homelab(version).vm(guest(101, N1, "cp", "vm-disks").ha("stopped"))));

        Upid start = api.startVm(N1, 101);
        TaskStatus requested = api.taskStatus(start);
        awaitVm(api, 101, "HA starts vm 101", VmResource::isRunning);
        Upid migrate = api.migrateVm(N1, 101, MigrateRequest.online(N2));
        awaitVm(api, 101, "HA migrates vm 101", vm -> vm.node().equals(N2));
        Upid stop = api.stopVm(N2, 101);
        awaitVm(api, 101, "HA stops vm 101", vm -> !vm.isRunning());

        assertThat(start.type()).isEqualTo("hastart");
        assertThat(start.isHaRequest()).isTrue();
        assertThat(requested.isSuccess()).as("the request task ends at once").isTrue();
        assertThat(migrate.type()).isEqualTo("hamigrate");
        assertThat(stop.type()).isEqualTo("hastop");
        assertThat(vmRow(api, 101).haState()).isEqualTo("stopped");
    }

    @Test
    void haManagedCreationIsAPve91Option() throws Exception {
        ProxmoxApi api = api(start(homelab(PveVersion.PVE_9_1)));

        awaitSuccess(
                api,
                api.createVm(
                        N1,
                        CreateVmRequest.of(150, VmOptions.builder().name("ha").build())
                                .withHaManaged(true)));

        assertThat(api.haResources()).extracting(HaResource::sid).containsExactly("vm:150");
        assertThat(api.vmStatus(N1, 150).haManaged()).isTrue();
    }

    @Test
    void pve9OptionsAreRefusedBeforeSendingOnPve84() throws Exception {
        PveSimulator sim = start(
                homelab(PveVersion.PVE_8_4).vm(guest(101, N1, "cp", "vm-disks").ha("started")));
        ProxmoxApi api = api(sim);

        assertThatThrownBy(() -> api.createVm(
                        N1, CreateVmRequest.of(150, VmOptions.empty()).withHaManaged(true)))
                .isInstanceOf(UnsupportedByVersionException.class);
        assertThatThrownBy(
                        () -> api.migrateVm(N1, 101, new MigrateRequest(N2, true, null, null, null, null, null, true)))
                .isInstanceOf(UnsupportedByVersionException.class);
        assertThatThrownBy(() -> api.updateHaResource(
                        new HaResource("vm:101", null, null, null, false, null, null, null, null), List.of()))
                .isInstanceOf(UnsupportedByVersionException.class);
        assertThatThrownBy(() -> api.deleteHaResource("vm:101", true))
                .isInstanceOf(UnsupportedByVersionException.class);
        assertThatThrownBy(() -> api.haRule("any-rule")).isInstanceOf(UnsupportedByVersionException.class);
        assertThat(sim.journal().entries()).extracting(JournalEntry::method).containsOnly("GET");
        assertThat(api.haResource("vm:101").failback()).isNull();
    }

    @Test
    void haManagerStatusShowsMasterQuorumAndNodes() throws Exception {
        PveSimulator sim = start(
                homelab(PveVersion.PVE_9_1).vm(guest(101, N1, "cp", "vm-disks").ha("started")));
        ProxmoxApi api = api(sim);
        sim.nodeMaintenance(N3, true);

        HaManagerStatus status = api.haManagerStatus();

        assertThat(status.masterNode()).isEqualTo(N1);
        assertThat(status.quorate()).isTrue();
        assertThat(status.nodeStatus()).containsEntry(N1, "online").containsEntry(N3, "maintenance");
        assertThat(status.isInMaintenance(N3)).isTrue();
        assertThat(status.isInMaintenance(N1)).isFalse();
        assertThat(api.haStatus())
                .filteredOn(HaStatusEntry.Lrm.class::isInstance)
                .hasSize(3)
                .anySatisfy(
                        l -> assertThat(((HaStatusEntry.Lrm) l).inMaintenance()).isTrue());
    }

    // --- Ceph ------------------------------------------------------------------------------------------------

    @Test
    void cephStatusFlagsAndOsdsFollowChanges() throws Exception {
        ProxmoxApi api = api(start(homelab(PveVersion.PVE_9_1)));

        CephStatus healthy = api.cephStatus();
        assertThat(healthy.isHealthOk()).isTrue();
        assertThat(healthy.numOsds()).isEqualTo(6);
        assertThat(healthy.numUpOsds()).isEqualTo(6);
        assertThat(healthy.numInOsds()).isEqualTo(6);
        assertThat(healthy.quorumNames()).containsExactly(N1, N2, N3);
        assertThat(healthy.allPgsActiveClean()).isTrue();
        assertThat(api.cephFlags()).extracting(CephFlagState::flag).contains(CephFlag.NOOUT, CephFlag.NOSCRUB);
        assertThat(api.cephFlags()).noneMatch(CephFlagState::value);

        api.setCephFlag(CephFlag.NOOUT, true);
        assertThat(api.cephFlag(CephFlag.NOOUT)).isTrue();
        CephStatus flagged = api.cephStatus();
        assertThat(flagged.health()).isEqualTo("HEALTH_WARN");
        assertThat(flagged.checks().get("OSDMAP_FLAGS").summary()).contains("noout");

        awaitSuccess(api, api.setCephFlags(Map.of(CephFlag.NOOUT, false, CephFlag.NOSCRUB, true)));
        assertThat(api.cephFlag(CephFlag.NOOUT)).isFalse();
        assertThat(api.cephFlag(CephFlag.NOSCRUB)).isTrue();

        CephOsdTree tree = api.cephOsdTree(N1);
        assertThat(tree.osds()).hasSize(6).allSatisfy(o -> {
            assertThat(o.isUp()).isTrue();
            assertThat(o.in()).isTrue();
        });
        assertThat(tree.onHost(N3)).extracting(CephOsd::id).containsExactly(4, 5);
        assertThat(tree.flags()).contains("noscrub");
        api.cephOsdOut(N3, 5);
        assertThat(osd(api, 5).in()).isFalse();
        assertThat(api.cephStatus().numInOsds()).isEqualTo(5);
        api.cephOsdIn(N3, 5);
        assertThat(osd(api, 5).in()).isTrue();
    }

    private static CephOsd osd(ProxmoxApi api, int id) throws ProxmoxApiException {
        return api.cephOsdTree(N1).osds().stream()
                .filter(o -> o.id() == id)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void cephPoolsAreCreatedResizedAndDestroyedWithTheirStorage() throws Exception {
        ProxmoxApi api = api(start(homelab(PveVersion.PVE_9_1)));

        awaitSuccess(
                api,
                api.createCephPool(
                        N1, new CephPoolSpec("k8s-pvc", 3, 2, 32, null, "on", "rbd", null, null, null, true)));
        CephPoolStatus created = api.cephPool(N1, "k8s-pvc");
        awaitSuccess(
                api,
                api.updateCephPool(N2, "k8s-pvc", new CephPoolChange(2, 1, 64, null, null, null, null, null, null)));
        CephPoolStatus changed = api.cephPool(N1, "k8s-pvc");
        List<CephPool> listed = api.cephPools(N3);
        awaitSuccess(api, api.deleteCephPool(N1, "k8s-pvc", new CephPoolDeleteOptions(false, true, null)));

        assertThat(created.size()).isEqualTo(3);
        assertThat(created.minSize()).isEqualTo(2);
        assertThat(created.pgNum()).isEqualTo(32);
        assertThat(created.pgAutoscaleMode()).isEqualTo("on");
        assertThat(created.application()).isEqualTo("rbd");
        assertThat(created.holdsData()).isFalse();
        assertThat(created.usageOpt()).isPresent();
        assertThat(changed.size()).isEqualTo(2);
        assertThat(changed.minSize()).isEqualTo(1);
        assertThat(changed.pgNum()).isEqualTo(64);
        assertThat(listed).extracting(CephPool::name).containsExactly(".mgr", "vm-disks", "k8s-pvc");
        assertThat(listed.get(2).applications()).containsExactly("rbd");
        assertThat(api.cephPools(N1)).extracting(CephPool::name).containsExactly(".mgr", "vm-disks");
        assertThat(api.storages()).extracting(Storage::storage).doesNotContain("k8s-pvc");
    }

    @Test
    void cephPoolInUseIsNotDestroyedWithoutForce() throws Exception {
        ProxmoxApi api = api(start(homelab(PveVersion.PVE_9_1).vm(guest(101, N1, "web", "vm-disks"))));

        CephPoolStatus pool = api.cephPool(N1, "vm-disks");
        TaskStatus refused =
                awaitTask(api, api.deleteCephPool(N1, "vm-disks", new CephPoolDeleteOptions(false, false, null)));

        assertThat(pool.holdsData()).isTrue();
        assertThat(pool.usage().stored()).isEqualTo(8L << 30);
        assertThat(refused.error()).hasValueSatisfying(e -> assertThat(e).contains("still in use"));
        assertThat(api.cephPools(N1)).extracting(CephPool::name).contains("vm-disks");
    }

    // --- backup ----------------------------------------------------------------------------------------------

    @Test
    void backupJobsRoundTripAndCoverGuests() throws Exception {
        ProxmoxApi api = api(start(homelab(PveVersion.PVE_9_1)
                .vm(guest(101, N1, "web", "vm-disks"))
                .vm(guest(102, N2, "db", "vm-disks"))));
        BackupJob job = BackupJob.of(
                "underlay-nightly",
                "02:30",
                "nfs-backups",
                List.of(101),
                "snapshot",
                new PruneBackups(null, 3, null, 7, null, null, null));

        List<NotBackedUp> before = api.notBackedUp();
        api.createBackupJob(job);
        BackupJob read = api.backupJob("underlay-nightly");
        List<NotBackedUp> withJob = api.notBackedUp();
        BackupJob widened = new BackupJob(
                job.id(),
                job.schedule(),
                job.storage(),
                List.of(101, 102),
                null,
                null,
                null,
                true,
                job.mode(),
                job.compress(),
                job.pruneBackups(),
                null,
                "both guests",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        api.updateBackupJob(widened, List.of());
        List<IncludedGuest> included = api.backupJobIncludedVolumes("underlay-nightly");
        api.updateBackupJob(widened, List.of("comment"));

        assertThat(before).extracting(NotBackedUp::vmid).containsExactly(101, 102);
        assertThat(read.withoutServerFields()).isEqualTo(job);
        assertThat(read.nextRun()).isNotNull();
        assertThat(withJob).extracting(NotBackedUp::vmid).containsExactly(102);
        assertThat(withJob.get(0).name()).isEqualTo("db");
        assertThat(included).extracting(IncludedGuest::vmid).containsExactly(101, 102);
        assertThat(included.get(0).volumes()).singleElement().satisfies(v -> {
            assertThat(v.id()).isEqualTo("scsi0");
            assertThat(v.included()).isTrue();
        });
        assertThat(api.backupJobs()).singleElement().satisfies(j -> {
            assertThat(j.vmids()).containsExactly(101, 102);
            assertThat(j.comment()).isNull();
        });
        assertThat(api.notBackedUp()).isEmpty();

        api.deleteBackupJob("underlay-nightly");
        assertThat(api.backupJobs()).isEmpty();
        assertThatThrownBy(() -> api.backupJob("underlay-nightly")).isInstanceOf(NotFoundException.class);
    }

    @ParameterizedTest
    @EnumSource(PveVersion.class)
    void vzdumpArchiveRestoresIntoANewVm(PveVersion version) throws Exception {
        ProxmoxApi api = api(start(homelab(version).vm(guest(101, N1, "web", "vm-disks"))));

        Upid backup = api.vzdump(N1, VzdumpRequest.snapshot(101, "nfs-backups"));
        assertThat(backup.type()).isEqualTo("vzdump");
        awaitSuccess(api, backup);
        List<StorageContent> archives = api.storageContent(N1, "nfs-backups", "backup", 101);
        assertThat(archives).singleElement().satisfies(a -> {
            assertThat(a.volid())
                    .startsWith("nfs-backups:backup/vzdump-qemu-101-")
                    .endsWith(".vma.zst");
            assertThat(a.vmid()).isEqualTo(101);
            assertThat(a.notes()).isEqualTo("web");
        });
        assertThat(api.taskLog(backup, 0, 100))
                .extracting(TaskLogLine::text)
                .anySatisfy(line -> assertThat(line).contains("creating vzdump archive"));

        Upid restore =
                api.createVm(N1, CreateVmRequest.restore(300, archives.get(0).volid(), "vm-disks", false, true));
        assertThat(restore.type()).isEqualTo("qmrestore");
        awaitSuccess(api, restore);
        VmConfig restored = api.vmConfig(N1, 300);
        VmConfig original = api.vmConfig(N1, 101);
        assertThat(restored.name()).contains("web");
        assertThat(restored.cores()).hasValue(2);
        assertThat(restored.disks().get("scsi0").volume()).isEqualTo("vm-disks:vm-300-disk-0");
        assertThat(restored.disks().get("scsi0").size()).contains(DiskSize.ofGiB(8));
        assertThat(restored.nets().get("net0").macAddress())
                .isNotEqualTo(original.nets().get("net0").macAddress());
    }

    // --- access and bulk actions -----------------------------------------------------------------------------

    @Test
    void permissionsReflectRevokedPrivileges() throws Exception {
        PveSimulator sim = start(homelab(PveVersion.PVE_9_1).vm(guest(101, N1, "web", "vm-disks")));
        ProxmoxApi api = api(sim);

        Permissions onVm = api.permissions("/vms/101");
        sim.faults().revokePrivilege(TOKEN_ID, "VM.PowerMgmt");
        Permissions all = api.permissions(null);

        assertThat(onVm.has("/vms/101", "VM.Allocate")).isTrue();
        assertThat(onVm.has("/vms/101", "VM.PowerMgmt")).isTrue();
        assertThat(all.byPath()).containsKeys("/", "/vms", "/storage");
        assertThat(all.has("/vms/101", "VM.PowerMgmt")).isFalse();
        assertThat(all.has("/vms/101", "VM.Audit")).isTrue();
    }

    @Test
    void bulkMigrateEvacuatesANodeOnPve91() throws Exception {
        ProxmoxApi api = api(start(homelab(PveVersion.PVE_9_1)
                .vm(guest(101, N1, "a", "vm-disks"))
                .vm(guest(102, N1, "b", "vm-disks"))
                .vm(guest(103, N2, "c", "vm-disks"))));

        Upid upid = api.bulkMigrate(new BulkMigrateRequest(N3, List.of(101, 102), false, null, null));

        awaitSuccess(api, upid);
        assertThat(vmRow(api, 101).node()).isEqualTo(N3);
        assertThat(vmRow(api, 102).node()).isEqualTo(N3);
        assertThat(vmRow(api, 103).node()).isEqualTo(N2);
    }

    @Test
    void bulkMigrateIsRefusedBeforeSendingOnPve84() throws Exception {
        PveSimulator sim = start(homelab(PveVersion.PVE_8_4).vm(guest(101, N1, "a", "vm-disks")));
        ProxmoxApi api = api(sim);

        assertThatThrownBy(() -> api.bulkMigrate(new BulkMigrateRequest(N3, List.of(101), false, null, null)))
                .isInstanceOf(UnsupportedByVersionException.class)
                .hasMessageContaining("9.1");
        assertThat(sim.journal().entries())
                .extracting(JournalEntry::path)
                .doesNotContain("/cluster/bulk-action/guest/migrate");
        assertThat(vmRow(api, 101).node()).isEqualTo(N1);
    }

    // --- error classes ---------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(PveVersion.class)
    void schemaViolationsAreInvalidParametersWithTheErrorsMap(PveVersion version) throws Exception {
        ProxmoxApi api = api(start(homelab(version)));

        assertThatThrownBy(() -> api.createVm(
                        N1,
                        CreateVmRequest.of(
                                150,
                                VmOptions.builder()
                                        .set("cores", "many")
                                        .set("bogus-option", "1")
                                        .build())))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.isRetryable()).isFalse();
                    assertThat(e.errors()).containsKeys("cores", "bogus-option");
                    assertThat(e.errors().get("bogus-option")).contains("property is not defined in schema");
                    assertThat(e.getMessage()).contains("Parameter verification failed");
                });
        assertThat(api.clusterResources(ClusterResourceType.VM)).isEmpty();
    }

    @Test
    void wrongTokenSecretIsAnAuthenticationError() throws Exception {
        PveSimulator sim = start(homelab(PveVersion.PVE_9_1));
        ProxmoxApi api = api(sim, TOKEN_ID, "00000000-0000-0000-0000-000000000000");

        assertThatThrownBy(api::clusterStatus).isInstanceOfSatisfying(AuthenticationException.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(401);
            assertThat(e.isRetryable()).isFalse();
        });
        assertThat(sim.journal().entries())
                .last()
                .satisfies(e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void missingPrivilegeIsPermissionDenied() throws Exception {
        PveSimulator sim = start(homelab(PveVersion.PVE_9_1).vm(guest(101, N1, "web", "vm-disks")));
        sim.faults().revokePrivilege(TOKEN_ID, "VM.PowerMgmt");
        ProxmoxApi api = api(sim);

        assertThatThrownBy(() -> api.startVm(N1, 101)).isInstanceOfSatisfying(PermissionDeniedException.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(403);
            assertThat(e.getMessage()).contains("/vms/101, VM.PowerMgmt");
        });
        assertThat(api.vmStatus(N1, 101).isRunning()).isFalse();
    }

    @Test
    void missingObjectsAreNotFound() throws Exception {
        PveSimulator sim = start(homelab(PveVersion.PVE_9_1));
        ProxmoxApi api = api(sim);
        sim.faults().failRequests("GET", "^/nodes$", 1, 404, "Not Found");

        assertThatThrownBy(() -> api.vmConfig(N1, 999))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.getMessage()).contains("999.conf' does not exist"));
        assertThatThrownBy(() -> api.cephPool(N1, "nope")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(api::nodes)
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.httpStatus()).isEqualTo(404));
        assertThat(api.nodes()).hasSize(3);
    }

    @Test
    void lockedVmsAndConfigLockTimeoutsAreRetryableLockErrors() throws Exception {
        PveSimulator sim = start(homelab(PveVersion.PVE_9_1)
                .vm(guest(101, N1, "web", "vm-disks"))
                .vm(guest(102, N1, "db", "vm-disks")));
        ProxmoxApi api = api(sim);
        sim.faults().holdLock(101, "backup").holdConfigFileLock(102);
        VmConfigChange change = VmConfigChange.builder().set("cores", "4").build();

        assertThatThrownBy(() -> api.updateVmConfig(N1, 101, change))
                .isInstanceOfSatisfying(LockedException.class, e -> {
                    assertThat(e.lock()).contains("backup");
                    assertThat(e.isRetryable()).isTrue();
                });
        assertThatThrownBy(() -> api.updateVmConfig(N1, 102, change))
                .isInstanceOfSatisfying(LockedException.class, e -> {
                    assertThat(e.lock()).isEmpty();
                    assertThat(e.getMessage()).contains("lock-102.conf' - got timeout");
                    assertThat(e.isRetryable()).isTrue();
                });
        assertThat(api.vmConfig(N1, 101).lock()).contains("backup");
        sim.faults().releaseConfigFileLock(102);
        api.updateVmConfig(N1, 102, change);
        assertThat(api.vmConfig(N1, 102).cores()).hasValue(4);
    }

    @Test
    void staleDigestsOfHaAndStorageConfigsAreConflictsOnPve9() throws Exception {
        ProxmoxApi api = api(start(
                homelab(PveVersion.PVE_9_1).vm(guest(101, N1, "a", "vm-disks")).vm(guest(102, N2, "b", "vm-disks"))));
        api.createHaResource(HaResource.vm(101, "started"));
        api.createHaRule(HaRule.nodeAffinity("on-ms01", List.of("vm:101"), List.of(prio(N1, 1)), false));
        HaResource resource = api.haResource("vm:101");
        HaRule rule = api.haRule("on-ms01");
        Storage local = storage(api, "local");

        api.createHaResource(HaResource.vm(102, "started"));
        api.createHaRule(HaRule.nodeAffinity("on-ms02", List.of("vm:102"), List.of(prio(N2, 1)), false));
        api.createStorage(StorageDefinition.rbd("extra", "vm-disks", List.of("images"), false));

        assertThatThrownBy(() -> api.updateHaResource(withComment(resource, resource.digest()), List.of()))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> api.updateHaRule(withComment(rule, rule.digest()), List.of()))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> api.updateStorage(
                        "local",
                        new StorageUpdate(null, null, null, null, null, List.of("prune-backups"), local.digest())))
                .isInstanceOf(ConflictException.class);
        api.updateHaResource(withComment(resource, api.haResource("vm:101").digest()), List.of());
        api.updateHaRule(withComment(rule, api.haRule("on-ms01").digest()), List.of());
        assertThat(api.haResource("vm:101").comment()).isEqualTo("checked");
        assertThat(api.haRule("on-ms01").comment()).isEqualTo("checked");
    }

    @Test
    void staleDigestOfHaGroupsIsAConflictOnPve8() throws Exception {
        ProxmoxApi api = api(start(homelab(PveVersion.PVE_8_4)));
        api.createHaGroup(new HaGroup("group-a", List.of(prio(N1, 1)), false, false, null, null));
        HaGroup read = api.haGroups().get(0);
        api.createHaGroup(new HaGroup("group-b", List.of(prio(N2, 1)), false, false, null, null));

        assertThat(read.digest()).isNotBlank();
        assertThatThrownBy(() -> api.updateHaGroup(new HaGroup("group-a", List.of(), true, null, null, read.digest())))
                .isInstanceOf(ConflictException.class);
        String fresh = api.haGroups().get(0).digest();
        api.updateHaGroup(new HaGroup("group-a", List.of(), true, null, null, fresh));
        assertThat(api.haGroups().get(0).restricted()).isTrue();
    }

    private static HaResource withComment(HaResource r, String digest) {
        return new HaResource(r.sid(), null, null, null, null, null, null, "checked", digest);
    }

    private static HaRule withComment(HaRule r, String digest) {
        return new HaRule(
                r.rule(), r.type(), r.resources(), r.nodes(), r.strict(), r.affinity(), null, "checked", null, digest);
    }

    @Test
    void errorsWithTheTextOnlyInTheStatusLineAreClassifiedAlike() throws Exception {
        // libpve-http-server-perl before 5.2.0 (PVE < 8.3) sends {"data":null} and the text in the reason phrase
        PveSimulator sim = start(homelab(PveVersion.PVE_9_1).vm(guest(101, N1, "web", "vm-disks")))
                .errorMessageField(false);
        ProxmoxApi api = api(sim);
        sim.faults().holdLock(101, "migrate");

        assertThatThrownBy(() -> api.updateVmConfig(
                        N1, 101, VmConfigChange.builder().set("cores", "4").build()))
                .isInstanceOfSatisfying(
                        LockedException.class, e -> assertThat(e.lock()).contains("migrate"));
        assertThatThrownBy(() -> api.createVm(N1, CreateVmRequest.of(101, VmOptions.empty())))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> api.vmConfig(N1, 999)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(api::haGroups)
                .isInstanceOf(HaGroupsMigratedException.class)
                .hasMessageContaining("ha groups have been migrated to rules");
        assertThatThrownBy(() -> api.createVm(
                        N1,
                        CreateVmRequest.of(
                                150, VmOptions.builder().set("cores", "x").build())))
                .isInstanceOfSatisfying(
                        InvalidParameterException.class,
                        e -> assertThat(e.errors()).containsKey("cores"));
    }

    @Test
    void creatingAnExistingVmidIsAConflict() throws Exception {
        ProxmoxApi api = api(start(homelab(PveVersion.PVE_9_1).vm(guest(101, N2, "web", "vm-disks"))));

        assertThatThrownBy(() -> api.createVm(
                        N1,
                        CreateVmRequest.of(101, VmOptions.builder().name("dup").build())))
                .isInstanceOfSatisfying(
                        ConflictException.class, e -> assertThat(e.getMessage()).contains("VM 101 already exists"));
        assertThat(vmRow(api, 101).name()).isEqualTo("web");
    }

    @Test
    void offlineNodeAnswersTransient595AndQuorumLossRefusesWrites() throws Exception {
        PveSimulator sim = start(homelab(PveVersion.PVE_9_1)
                .vm(guest(102, N2, "plain", "vm-disks").running())
                .vm(guest(103, N2, "ha", "vm-disks").running().ha("started")));
        ProxmoxApi api = api(sim);

        sim.faults().nodeOffline(N2);
        assertThatThrownBy(() -> api.nodeStatus(N2)).isInstanceOfSatisfying(TransientException.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(595);
            assertThat(e.isRetryable()).isTrue();
        });
        assertThatThrownBy(() -> api.listVms(N2)).isInstanceOf(TransientException.class);
        assertThat(api.clusterStatus().isQuorate()).isTrue();
        assertThat(vmRow(api, 102).status()).isEqualTo("unknown");
        awaitVm(
                api,
                103,
                "HA recovers vm 103 from the failed node",
                vm -> !vm.node().equals(N2) && vm.isRunning());
        CephStatus degraded = api.cephStatus();
        assertThat(degraded.numUpOsds()).isEqualTo(4);
        assertThat(degraded.checks()).containsKeys("OSD_DOWN", "MON_DOWN");
        assertThat(api.nodes())
                .filteredOn(n -> n.node().equals(N2))
                .singleElement()
                .satisfies(n -> assertThat(n.isOnline()).isFalse());

        sim.faults().nodeOffline(N3);
        assertThat(api.clusterStatus().isQuorate()).isFalse();
        assertThat(api.clusterStatus().onlineNodes()).containsExactly(N1);
        assertThatThrownBy(() -> api.createVm(
                        N1,
                        CreateVmRequest.of(150, VmOptions.builder().name("x").build())))
                .isInstanceOfSatisfying(TransientException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(500);
                    assertThat(e.getMessage()).contains("no quorum");
                });
        assertThat(api.clusterResources(ClusterResourceType.VM)).hasSize(2);
    }

    @Test
    void unknownEndpointAnswerIsNotImplemented() throws Exception {
        PveSimulator sim = start(homelab(PveVersion.PVE_9_1));
        ProxmoxApi api = api(sim);
        sim.faults()
                .failRequests(
                        "GET", "^/cluster/ceph/flags$", 1, 501, "Method 'GET /cluster/ceph/flags' not implemented");

        assertThatThrownBy(api::cephFlags).isInstanceOfSatisfying(NotImplementedException.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(501);
            assertThat(e.isRetryable()).isFalse();
        });
        assertThat(api.cephFlags()).isNotEmpty();
    }

    // --- secrets ---------------------------------------------------------------------------------------------

    @Test
    void tokenSecretsNeverLeakIntoExceptionsJournalOrLogs() throws Exception {
        String wrongSecret = "6d1c9e2a-7b44-4c0e-9f3b-1a2b3c4d5e6f";
        PveSimulator sim = start(homelab(PveVersion.PVE_9_1)
                .tokenSecret("0a4b5c6d-1e2f-4a3b-8c7d-9e0f1a2b3c4d")
                .vm(guest(101, N1, "web", "vm-disks")));
        String secret = sim.credentials().tokenSecret();
        List<Throwable> failures = new ArrayList<>();
        List<String> logs;
        try (SecretLogCapture capture = SecretLogCapture.start()) {
            ProxmoxApi good = api(sim);
            ProxmoxApi wrong = api(sim, TOKEN_ID, wrongSecret);
            awaitSuccess(good, good.startVm(N1, 101));
            good.vmConfig(N1, 101);
            good.updateVmConfig(
                    N1, 101, VmConfigChange.builder().set("description", "x").build());
            collect(failures, () -> wrong.clusterStatus());
            collect(failures, () -> wrong.startVm(N1, 101));
            sim.faults().rejectPrincipal(TOKEN_ID, 401);
            collect(failures, () -> good.nodes());
            sim.faults().acceptPrincipal(TOKEN_ID);
            collect(
                    failures,
                    () -> good.createVm(
                            N1,
                            CreateVmRequest.of(
                                    150,
                                    VmOptions.builder().set("cores", "many").build())));
            collect(failures, () -> good.vmConfig(N1, 999));
            logs = capture.messages();
        }

        assertThat(failures).hasSize(5).allSatisfy(f -> assertThat(f).isInstanceOf(ProxmoxApiException.class));
        assertThat(failures)
                .filteredOn(AuthenticationException.class::isInstance)
                .hasSize(3);
        for (String s : List.of(secret, wrongSecret)) {
            assertThat(failures).allSatisfy(f -> assertThat(chainText(f)).doesNotContain(s));
            assertThat(sim.journal().entries())
                    .isNotEmpty()
                    .allSatisfy(e -> assertThat(e.toString()).doesNotContain(s));
            assertThat(logs).isNotEmpty().allSatisfy(line -> assertThat(line).doesNotContain(s));
        }
    }

    private interface Call {
        void run() throws Exception;
    }

    private static void collect(List<Throwable> failures, Call call) {
        try {
            call.run();
            failures.add(new AssertionError("expected a failure"));
        } catch (Exception e) {
            failures.add(e);
        }
    }

    /** Message, toString and stack of every throwable in the cause chain, suppressed ones included. */
    private static String chainText(Throwable failure) {
        StringBuilder out = new StringBuilder();
        StringWriter stack = new StringWriter();
        failure.printStackTrace(new PrintWriter(stack));
        out.append(stack);
        for (Throwable t = failure; t != null; t = t.getCause()) {
            out.append(t).append('\n').append(t.getMessage()).append('\n');
            Arrays.stream(t.getSuppressed()).forEach(s -> out.append(s).append('\n'));
        }
        return out.toString();
    }
}
