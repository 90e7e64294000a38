package dev.underlay.controller.talosnodevm;

import dev.underlay.api.v1alpha1.common.TaskRef;
import dev.underlay.api.v1alpha1.proxmoxcluster.VmidRangeSpec;
import dev.underlay.api.v1alpha1.talosnodevm.RestartStatus;
import dev.underlay.api.v1alpha1.talosnodevm.RestartStatus.Phase;
import dev.underlay.api.v1alpha1.talosnodevm.TalosNodeVMSpec;
import dev.underlay.controller.support.ownership.GuestMarker;
import dev.underlay.controller.support.ownership.OwnerMarker;
import dev.underlay.controller.support.ownership.OwnerMarker.Owner;
import dev.underlay.controller.support.plan.Plan;
import dev.underlay.controller.support.plan.TaskProgress;
import dev.underlay.controller.talosnodevm.VmFacts.KubeNode;
import dev.underlay.controller.talosnodevm.VmFacts.Rediscovered;
import dev.underlay.controller.talosnodevm.VmFacts.SeedState;
import dev.underlay.proxmox.model.TaskSummary;
import dev.underlay.proxmox.model.Upid;
import dev.underlay.proxmox.model.VmConfig;
import dev.underlay.proxmox.model.VmResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link VmPlanner} as a table: each row changes the facts of a TalosNodeVM ({@code talos-k8s-01}, VMID 101 on
 * pve-ms01-01, machine config referenced) and names the one plan expected, rendered as {@code Act <action>},
 * {@code Wait <reason>}, {@code Invalid <reason>} or {@code Done}. Pure: no Kubernetes, no HTTP.
 */
class VmPlannerTest {

    private static final Owner OWNER = new Owner("underlay", "infra", "talos-k8s-01", "uid-1");
    private static final String OURS = OwnerMarker.KEY + OWNER.token();
    private static final String UUID = "3f1c2a44-0000-4000-8000-000000000101";
    private static final String CANDIDATE = "99999999-0000-4000-8000-000000000000";
    private static final Instant NOW = Instant.parse("2025-05-01T12:00:00Z");
    private static final Upid UPID = Upid.of("pve-ms01-01", 1, 2, NOW.getEpochSecond(), "qmcreate", "101", "root@pam");

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void plans(String row, UnaryOperator<Facts> given, String expected) {
        assertThat(render(VmPlanner.plan(given.apply(new Facts()).build()))).isEqualTo(expected);
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                row(
                        "nothing recorded, spec.vmid: record it with a new UUID",
                        f -> f.uuid(null),
                        "Act RecordIdentity 101 " + CANDIDATE),
                row(
                        "no spec.vmid: first free VMID of the range, skipping every guest and recorded VMID",
                        f -> f.vmid(null).uuid(null).range(100, 110).taken(100, 101, 102),
                        "Act RecordIdentity 103 " + CANDIDATE),
                row(
                        "no spec.vmid, range used up",
                        f -> f.vmid(null).uuid(null).range(100, 101).taken(100, 101),
                        "Invalid VmidUnavailable"),
                row("no spec.vmid, no range", f -> f.vmid(null).uuid(null), "Invalid VmidUnavailable"),
                row(
                        "restored without status: our VM found by marker gives VMID and UUID back",
                        f -> f.vmid(null)
                                .uuid(null)
                                .range(100, 110)
                                .rediscovered(new Rediscovered(107, config(OURS, "uuid=" + UUID, null))),
                        "Act RecordIdentity 107 " + UUID),
                row(
                        "restored with spec.vmid: UUID taken from our VM's config",
                        f -> f.uuid(null).guest(guest("stopped", null)).config(config(OURS, "uuid=" + UUID, null)),
                        "Act RecordIdentity 101 " + UUID),
                row("identity recorded, no VM: create it", f -> f, "Act Create 101 on pve-ms01-01"),
                row("cloneFrom is not built yet", Facts::cloned, "Invalid ControllerNotImplemented"),
                row(
                        "create task running",
                        f -> f.task(new TaskProgress.Running(UPID.toString(), "qmcreate")),
                        "Wait TaskRunning"),
                row(
                        "create task not in the cluster's list yet",
                        f -> f.task(new TaskProgress.NotListed("x")),
                        "Wait TaskRunning"),
                row(
                        "create task failed",
                        f -> f.task(failed("qmcreate", "unable to create VM 101")),
                        "Wait ProxmoxTaskFailed"),
                row(
                        "failed task recorded a minute ago: not tried again yet",
                        f -> f.lastTask(judged("qmcreate", "boom", NOW.minusSeconds(60))),
                        "Wait ProxmoxTaskFailed"),
                row(
                        "failed task recorded long ago: tried again",
                        f -> f.lastTask(judged("qmcreate", "boom", NOW.minusSeconds(3600))),
                        "Act Create 101 on pve-ms01-01"),
                row(
                        "created, snapshot does not show it yet: no second create",
                        f -> f.lastTask(judged("qmcreate", "OK", NOW)),
                        "Wait WaitingForClusterSnapshot"),
                row("seen before and gone: not recreated", f -> f.seenBefore(), "Wait ExternalObjectMissing"),
                row(
                        "VM exists, not marked: not touched",
                        f -> f.guest(guest("running", null)).config(config("", "uuid=" + UUID, null)),
                        "Invalid OwnershipConflict"),
                row(
                        "VM exists, someone else's marker",
                        f -> f.guest(guest("running", null))
                                .config(config(OwnerMarker.KEY + "other/infra/talos-k8s-01", "uuid=" + UUID, null)),
                        "Invalid OwnershipConflict"),
                row(
                        "VM exists, not marked, adopt: true",
                        f -> f.adopt().guest(guest("running", null)).config(config("", "uuid=" + UUID, null)),
                        "Act Adopt 101"),
                row("ours, locked", f -> f.guest(guest("stopped", "create")).ours(), "Wait VMLocked"),
                row("ours, node offline", f -> f.guest(guest("unknown", null)).ours(), "Wait NodeOffline"),
                row(
                        "ours, seed not uploaded",
                        f -> f.guest(guest("stopped", null)).ours().seed(SeedState.MISSING),
                        "Act UploadSeed local underlay-cidata-101.iso"),
                row(
                        "ours, seed uploaded, not attached",
                        f -> f.guest(guest("stopped", null)).ours().seed(SeedState.UPLOADED),
                        "Act AttachSeed ide3 local:iso/underlay-cidata-101.iso"),
                row(
                        "ours, seed attached, stopped: start",
                        f -> f.guest(guest("stopped", null)).ours().seed(SeedState.ATTACHED_OR_UNKNOWN),
                        "Act Start 101 on pve-ms01-01"),
                row(
                        "ours, no machine config referenced: started without a seed",
                        f -> f.guest(guest("stopped", null)).ours().seed(SeedState.NOT_NEEDED),
                        "Act Start 101 on pve-ms01-01"),
                row(
                        "moved by HA: followed on its new node",
                        f -> f.guest(guest("stopped", null, "pve-aimax-01")).ours(),
                        "Act Start 101 on pve-aimax-01"),
                row(
                        "running and converged",
                        f -> f.guest(guest("running", null)).ours(),
                        "Done"),
                row("converged, config not read, tag still there", f -> f.guest(guest("running", null)), "Done"),
                row(
                        "a qmstart that failed although the VM runs counts as started",
                        f -> f.guest(guest("running", null))
                                .ours()
                                .task(new TaskProgress.Succeeded(summary("qmstart", "error"), "quirk")),
                        "Done"),
                row(
                        "started a moment ago, the snapshot still shows it stopped: no second qmstart",
                        f -> f.guest(guest("stopped", null))
                                .ours()
                                .task(new TaskProgress.Succeeded(
                                        new TaskSummary(
                                                UPID,
                                                "pve-ms01-01",
                                                "qmstart",
                                                "101",
                                                "root@pam",
                                                NOW.getEpochSecond() - 3,
                                                NOW.getEpochSecond() - 1,
                                                "OK"),
                                        null)),
                        "Wait WaitingForClusterSnapshot"),
                row(
                        "start judged OK just before this snapshot: still not believed stopped",
                        f -> f.guest(guest("stopped", null))
                                .ours()
                                .lastTask(judged("qmstart", "OK", NOW.minusSeconds(5))),
                        "Wait WaitingForClusterSnapshot"),
                row(
                        "started long before the snapshot, stopped since: started again",
                        f -> f.guest(guest("stopped", null))
                                .ours()
                                .lastTask(judged("qmstart", "OK", NOW.minusSeconds(600))),
                        "Act Start 101 on pve-ms01-01"),
                row(
                        "a failed qmstart is not a start",
                        f -> f.guest(guest("stopped", null))
                                .ours()
                                .lastTask(judged("qmstart", "start failed", NOW.minusSeconds(3600))),
                        "Act Start 101 on pve-ms01-01"));
    }

    static Stream<Arguments> convergeRows() {
        return Stream.of(
                row(
                        "memory differs: one write, with the digest read",
                        f -> f.guest(guest("running", null)).ours().configured("memory", "8192"),
                        "Act UpdateConfig {memory=16384}"),
                row(
                        "cores differ; sockets absent is PVE's default 1, as the spec asks",
                        f -> f.guest(guest("running", null))
                                .ours()
                                .configured("cores", "4")
                                .configured("sockets", null),
                        "Act UpdateConfig {cores=8}"),
                row(
                        "NIC VLAN changed: written with its MAC kept",
                        f -> f.guest(guest("running", null))
                                .ours()
                                .configured("net1", "virtio=BC:24:11:00:00:02,bridge=vmbr0,tag=99"),
                        "Act UpdateConfig {net1=virtio=BC:24:11:00:00:02,bridge=vmbr0,tag=28}"),
                row(
                        "NIC options the spec has no field for are kept",
                        f -> f.guest(guest("running", null))
                                .ours()
                                .configured("net0", "virtio=BC:24:11:00:00:01,bridge=vmbr1,queues=4,tag=16"),
                        "Act UpdateConfig {net0=virtio=BC:24:11:00:00:01,bridge=vmbr0,queues=4,tag=16}"),
                row(
                        "onboot and tags changed by hand",
                        f -> f.guest(guest("running", null))
                                .ours()
                                .configured("onboot", "0")
                                .configured("tags", "talos;" + GuestMarker.TAG + ";extra"),
                        "Act UpdateConfig {onboot=1, tags=talos;k8s;" + GuestMarker.TAG + "}"),
                row(
                        "disk smaller than the spec: grown",
                        f -> f.guest(guest("running", null))
                                .ours()
                                .configured("scsi0", "vm-disks:vm-101-disk-0,size=50G"),
                        "Act ResizeDisk scsi0 100"),
                row(
                        "disk larger than the spec: a shrink is refused",
                        f -> f.guest(guest("running", null))
                                .ours()
                                .configured("scsi0", "vm-disks:vm-101-disk-0,size=200G"),
                        "Invalid DiskShrinkRefused"),
                row(
                        "Observe: drift reported, nothing written",
                        f -> f.observe().guest(guest("running", null)).ours().configured("memory", "8192"),
                        "Wait ObserveOnly"),
                row(
                        "config not read: nothing to compare, nothing written",
                        f -> f.guest(guest("running", null)),
                        "Done"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("convergeRows")
    void converges(String row, UnaryOperator<Facts> given, String expected) {
        assertThat(render(VmPlanner.plan(given.apply(new Facts()).build()))).isEqualTo(expected);
    }

    private static final Instant STARTED = NOW.minusSeconds(120);

    static Stream<Arguments> restartRows() {
        return Stream.of(
                row(
                        "memory pending on a running VM: the gate's first step",
                        f -> f.guest(guest("running", null)).ours().pending("memory", "20480"),
                        "Act TakeBudget talos-k8s-01 controlplane"),
                row(
                        "pending on a stopped VM: its start applies it, no gate",
                        f -> f.guest(guest("stopped", null)).ours().pending("memory", "20480"),
                        "Act Start 101 on pve-ms01-01"),
                row(
                        "nothing pending: nothing to restart",
                        f -> f.guest(guest("running", null)).ours().kubeNode(true, null, false),
                        "Done"),
                row(
                        "budget taken, crashed before status recorded it: the Node's mark says drain",
                        f -> f.guest(guest("running", null))
                                .ours()
                                .pending("memory", "20480")
                                .kubeNode(false, null, true),
                        "Act Drain talos-k8s-01"),
                row(
                        "Draining: drain again until no pod is left",
                        f -> f.guest(guest("running", null))
                                .ours()
                                .restart(Phase.Draining, STARTED)
                                .kubeNode(true, null, true),
                        "Act Drain talos-k8s-01"),
                row(
                        "Draining, but the VM stopped meanwhile: start it",
                        f -> f.guest(guest("stopped", null))
                                .ours()
                                .restart(Phase.Draining, STARTED)
                                .kubeNode(false, null, true),
                        "Act Start 101 on pve-ms01-01"),
                row(
                        "drained: shut down through Proxmox",
                        f -> f.guest(guest("running", null))
                                .ours()
                                .restart(Phase.ShuttingDown, STARTED)
                                .kubeNode(true, null, true),
                        "Act Shutdown 101 on pve-ms01-01"),
                row(
                        "shutdown task running: followed",
                        f -> f.guest(guest("running", null))
                                .ours()
                                .restart(Phase.ShuttingDown, STARTED)
                                .task(new TaskProgress.Running("x", "qmshutdown")),
                        "Wait TaskRunning"),
                row(
                        "shut down a moment ago, the snapshot still shows it running: no second shutdown",
                        f -> f.guest(guest("running", null))
                                .ours()
                                .restart(Phase.ShuttingDown, STARTED)
                                .lastTask(judged("qmshutdown", "OK", NOW.minusSeconds(3))),
                        "Wait Restarting"),
                row(
                        "stopped: started again (pending changes apply)",
                        f -> f.guest(guest("stopped", null)).ours().restart(Phase.ShuttingDown, STARTED),
                        "Act Start 101 on pve-ms01-01"),
                row(
                        "started a moment ago, snapshot lags: no second start",
                        f -> f.guest(guest("stopped", null))
                                .ours()
                                .restart(Phase.Starting, STARTED)
                                .lastTask(judged("qmstart", "OK", NOW.minusSeconds(3))),
                        "Wait WaitingForClusterSnapshot"),
                row(
                        "running again, Node not Ready yet: cordon kept",
                        f -> f.guest(guest("running", null))
                                .ours()
                                .restart(Phase.Starting, STARTED)
                                .kubeNode(false, null, true),
                        "Wait Restarting"),
                row(
                        "Node Ready, but reported before the start: proves nothing",
                        f -> f.guest(guest("running", null))
                                .ours()
                                .restart(Phase.Starting, STARTED)
                                .kubeNode(true, STARTED.minusSeconds(60), true),
                        "Wait Restarting"),
                row(
                        "Node Ready since the start: release (uncordon)",
                        f -> f.guest(guest("running", null))
                                .ours()
                                .restart(Phase.Starting, STARTED)
                                .kubeNode(true, STARTED.plusSeconds(30), true),
                        "Act ReleaseBudget talos-k8s-01"),
                row(
                        "no Kubernetes Node at all: nothing to wait for, released",
                        f -> f.guest(guest("running", null))
                                .ours()
                                .restart(Phase.Starting, STARTED)
                                .noKubeNode(),
                        "Act ReleaseBudget talos-k8s-01"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("restartRows")
    void restartsBehindTheGate(String row, UnaryOperator<Facts> given, String expected) {
        assertThat(render(VmPlanner.plan(given.apply(new Facts()).build()))).isEqualTo(expected);
    }

    static Stream<Arguments> restartStepRows() {
        VmAction start = new VmAction.Start("pve-ms01-01", 101);
        return Stream.of(
                Arguments.of(
                        "budget taken: Draining",
                        (UnaryOperator<Facts>) f -> f.pending("memory", "20480"),
                        Plan.act(new VmAction.TakeBudget("talos-k8s-01", true, "memory=20480")),
                        "Draining"),
                Arguments.of(
                        "drained: ShuttingDown",
                        (UnaryOperator<Facts>) f -> f.restart(Phase.Draining, STARTED),
                        Plan.act(new VmAction.Drain("talos-k8s-01")),
                        "ShuttingDown"),
                Arguments.of(
                        "drain goes on: still Draining",
                        (UnaryOperator<Facts>) f -> f.restart(Phase.Draining, STARTED),
                        Plan.waitFor("Restarting", "2 pods left"),
                        "Draining"),
                Arguments.of(
                        "a start during a restart: Starting",
                        (UnaryOperator<Facts>) f -> f.restart(Phase.ShuttingDown, STARTED),
                        Plan.act(start),
                        "Starting"),
                Arguments.of("an ordinary start is no restart", (UnaryOperator<Facts>) f -> f, Plan.act(start), "none"),
                Arguments.of(
                        "released: the record is gone",
                        (UnaryOperator<Facts>) f -> f.restart(Phase.Starting, STARTED),
                        Plan.act(new VmAction.ReleaseBudget("talos-k8s-01")),
                        "none"),
                Arguments.of(
                        "the Node's mark with nothing recorded: Draining",
                        (UnaryOperator<Facts>) f -> f.kubeNode(false, null, true),
                        Plan.waitFor("Restarting", "x"),
                        "Draining"),
                Arguments.of(
                        "gate refused: nothing recorded",
                        (UnaryOperator<Facts>) f -> f.pending("memory", "20480"),
                        Plan.waitFor("RestartWaiting", "control-plane talos-k8s-02 is cordoned"),
                        "none"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("restartStepRows")
    void recordsEachRestartStep(String row, UnaryOperator<Facts> given, Plan<VmAction> plan, String phase) {
        RestartStatus after = VmPlanner.restartAfter(given.apply(new Facts()).build(), plan, NOW);
        assertThat(after == null ? "none" : after.phase().name()).isEqualTo(phase);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deletionRows")
    void plansDeletion(String row, UnaryOperator<Facts> given, String expected) {
        assertThat(render(VmPlanner.planDeletion(given.apply(new Facts()).build())))
                .isEqualTo(expected);
    }

    static Stream<Arguments> deletionRows() {
        return Stream.of(
                row(
                        "Retain: marker stripped, VM kept",
                        f -> f.guest(guest("running", null)).ours(),
                        "Act Unmark 101"),
                row(
                        "Retain, VM not ours: nothing touched",
                        f -> f.guest(guest("running", null)).config(config("", "uuid=" + UUID, null)),
                        "Done"),
                row(
                        "Delete, running: stop first",
                        f -> f.delete().guest(guest("running", null)).ours(),
                        "Act Stop 101 on pve-ms01-01"),
                row(
                        "Delete, stop task running",
                        f -> f.delete()
                                .guest(guest("running", null))
                                .ours()
                                .task(new TaskProgress.Running("x", "qmstop")),
                        "Wait TaskRunning"),
                row(
                        "Delete, stopped: destroy on the node it is on now",
                        f -> f.delete()
                                .guest(guest("stopped", null, "pve-aimax-01"))
                                .ours(),
                        "Act Destroy 101 on pve-aimax-01"),
                row(
                        "Delete, destroy task running",
                        f -> f.delete()
                                .guest(guest("stopped", null))
                                .ours()
                                .task(new TaskProgress.Running("x", "qmdestroy")),
                        "Wait TaskRunning"),
                row(
                        "Delete, VM gone, seed still there",
                        f -> f.delete().node("pve-ms01-01").seed(SeedState.UPLOADED),
                        "Act DeleteSeed local:iso/underlay-cidata-101.iso on pve-ms01-01"),
                row(
                        "Delete, VM and seed gone: finalizer removed",
                        f -> f.delete().seed(SeedState.MISSING),
                        "Done"),
                row("nothing was ever recorded", f -> f.vmid(null).uuid(null), "Done"));
    }

    @Test
    void createAsksForTalosFriendlyDefaultsAndCarriesTheMarker() {
        Plan<VmAction> plan = VmPlanner.plan(new Facts().build());
        VmAction.Create create = (VmAction.Create) ((Plan.Act<VmAction>) plan).action();
        assertThat(create.options().values())
                .containsEntry("name", "talos-k8s-01")
                .containsEntry("cpu", "x86-64-v2-AES")
                .containsEntry("cores", "8")
                .containsEntry("memory", "16384")
                .containsEntry("scsihw", "virtio-scsi-single")
                .containsEntry("onboot", "1")
                .containsEntry("smbios1", "uuid=" + UUID)
                .containsEntry("scsi0", "vm-disks:100,discard=on,ssd=1,iothread=1")
                .containsEntry("ide2", "local:iso/talos-v1.9.0-nocloud-amd64.iso,media=cdrom")
                .containsEntry("net0", "virtio,bridge=vmbr0,tag=16")
                .containsEntry("net1", "virtio,bridge=vmbr0,tag=28")
                .containsEntry("boot", "order=scsi0;ide2")
                .containsEntry("tags", "talos;k8s;" + GuestMarker.TAG)
                .containsEntry("description", OURS)
                .doesNotContainKey("agent");
        assertThat(create.options().values().get("hotplug")).doesNotContain("memory");
    }

    private static Arguments row(String name, UnaryOperator<Facts> given, String expected) {
        return Arguments.of(name, given, expected);
    }

    private static String render(Plan<VmAction> plan) {
        if (plan instanceof Plan.Wait<VmAction> wait) {
            return "Wait " + wait.reason();
        }
        if (plan instanceof Plan.Invalid<VmAction> invalid) {
            return "Invalid " + invalid.reason();
        }
        if (plan instanceof Plan.Done<VmAction>) {
            return "Done";
        }
        VmAction action = ((Plan.Act<VmAction>) plan).action();
        if (action instanceof VmAction.RecordIdentity a) {
            return "Act RecordIdentity " + a.vmid() + " " + a.smbiosUuid();
        }
        if (action instanceof VmAction.Create a) {
            return "Act Create " + a.vmid() + " on " + a.node();
        }
        if (action instanceof VmAction.UploadSeed a) {
            return "Act UploadSeed " + a.storage() + " " + a.filename();
        }
        if (action instanceof VmAction.AttachSeed a) {
            return "Act AttachSeed " + a.slot() + " " + a.volid();
        }
        if (action instanceof VmAction.Start a) {
            return "Act Start " + a.vmid() + " on " + a.node();
        }
        if (action instanceof VmAction.Stop a) {
            return "Act Stop " + a.vmid() + " on " + a.node();
        }
        if (action instanceof VmAction.Destroy a) {
            return "Act Destroy " + a.vmid() + " on " + a.node();
        }
        if (action instanceof VmAction.Adopt a) {
            assertThat(a.description()).endsWith(OURS);
            assertThat(a.tags()).contains(GuestMarker.TAG);
            return "Act Adopt " + a.vmid();
        }
        if (action instanceof VmAction.Unmark a) {
            assertThat(a.description()).doesNotContain(OwnerMarker.KEY);
            assertThat(a.tags()).doesNotContain(GuestMarker.TAG);
            return "Act Unmark " + a.vmid();
        }
        if (action instanceof VmAction.UpdateConfig a) {
            assertThat(a.digest()).as("the write carries the digest read").isEqualTo("digest-1");
            return "Act UpdateConfig " + new TreeMap<>(a.set());
        }
        if (action instanceof VmAction.ResizeDisk a) {
            return "Act ResizeDisk " + a.slot() + " " + a.sizeGiB();
        }
        if (action instanceof VmAction.TakeBudget a) {
            return "Act TakeBudget " + a.kubernetesNode() + (a.controlPlane() ? " controlplane" : " worker");
        }
        if (action instanceof VmAction.Drain a) {
            return "Act Drain " + a.kubernetesNode();
        }
        if (action instanceof VmAction.Shutdown a) {
            return "Act Shutdown " + a.vmid() + " on " + a.node();
        }
        if (action instanceof VmAction.ReleaseBudget a) {
            return "Act ReleaseBudget " + a.kubernetesNode();
        }
        VmAction.DeleteSeed a = (VmAction.DeleteSeed) action;
        return "Act DeleteSeed " + a.volid() + " on " + a.node();
    }

    private static VmResource guest(String status, String lock) {
        return guest(status, lock, "pve-ms01-01");
    }

    private static VmResource guest(String status, String lock, String node) {
        return new VmResource(
                "qemu/101",
                "qemu",
                101,
                node,
                "talos-k8s-01",
                status,
                false,
                lock,
                null,
                List.of("talos", "k8s", GuestMarker.TAG),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    private static VmConfig config(String description, String smbios, String ide3) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("name", "talos-k8s-01");
        values.put("description", description);
        values.put("smbios1", smbios);
        values.put("tags", "talos;k8s;" + GuestMarker.TAG);
        values.put("cores", "8");
        values.put("sockets", "1");
        values.put("cpu", "x86-64-v2-AES");
        values.put("memory", "16384");
        values.put("onboot", "1");
        values.put("net0", "virtio=BC:24:11:00:00:01,bridge=vmbr0,tag=16");
        values.put("net1", "virtio=BC:24:11:00:00:02,bridge=vmbr0,tag=28");
        values.put("scsi0", "vm-disks:vm-101-disk-0,discard=on,iothread=1,size=100G,ssd=1");
        if (ide3 != null) {
            values.put("ide3", ide3);
        }
        return new VmConfig("digest-1", values);
    }

    private static TaskSummary summary(String type, String status) {
        return new TaskSummary(UPID, "pve-ms01-01", type, "101", "root@pam", 1, 2L, status);
    }

    private static TaskProgress failed(String type, String exit) {
        return new TaskProgress.Failed(summary(type, exit), exit);
    }

    private static TaskRef judged(String type, String exit, Instant finished) {
        return new TaskRef(
                UPID.toString(), type, "stopped", exit, NOW.minusSeconds(7200).toString(), finished.toString());
    }

    /** The facts of one row, starting from an identity recorded and nothing on Proxmox. */
    static final class Facts {
        private TalosNodeVMSpec spec = spec("");
        private Integer vmid = 101;
        private String uuid = UUID;
        private Optional<VmResource> guest = Optional.empty();
        private Optional<VmConfig> config = Optional.empty();
        private Optional<Rediscovered> rediscovered = Optional.empty();
        private SeedState seed = SeedState.ATTACHED_OR_UNKNOWN;
        private TaskProgress task = new TaskProgress.NoTask();
        private TaskRef lastTask;
        private String node;
        private boolean seenBefore;
        private VmidRangeSpec range;
        private Set<Integer> taken = Set.of();
        private Instant snapshotAt = NOW;
        private Map<String, String> pending = Map.of();
        private RestartStatus restart;
        private KubeNode kubeNode;

        Facts vmid(Integer value) {
            vmid = value;
            if (value == null) {
                spec = spec("");
            }
            return this;
        }

        Facts uuid(String value) {
            uuid = value;
            return this;
        }

        Facts guest(VmResource value) {
            guest = Optional.of(value);
            return this;
        }

        Facts config(VmConfig value) {
            config = Optional.of(value);
            return this;
        }

        Facts ours() {
            return config(VmPlannerTest.config(OURS, "uuid=" + UUID, "local:iso/underlay-cidata-101.iso,media=cdrom"));
        }

        Facts rediscovered(Rediscovered value) {
            rediscovered = Optional.of(value);
            return this;
        }

        Facts seed(SeedState value) {
            seed = value;
            return this;
        }

        Facts task(TaskProgress value) {
            task = value;
            return this;
        }

        Facts lastTask(TaskRef value) {
            lastTask = value;
            return this;
        }

        Facts seenBefore() {
            seenBefore = true;
            node = "pve-ms01-01";
            return this;
        }

        Facts node(String value) {
            node = value;
            return this;
        }

        Facts range(int start, int end) {
            range = new VmidRangeSpec(start, end);
            return this;
        }

        Facts taken(Integer... vmids) {
            taken = Set.of(vmids);
            return this;
        }

        /** The VM's config (ours, converged) with {@code key} set to {@code value}, or removed when null. */
        Facts configured(String key, String value) {
            Map<String, String> values =
                    new LinkedHashMap<>(config.orElseThrow().values());
            if (value == null) {
                values.remove(key);
            } else {
                values.put(key, value);
            }
            return config(new VmConfig("digest-1", values));
        }

        Facts pending(String key, String value) {
            pending = Map.of(key, value);
            return this;
        }

        Facts restart(Phase phase, Instant since) {
            restart = new RestartStatus(phase, "memory=20480", since.toString());
            return this;
        }

        Facts kubeNode(boolean ready, Instant readySince, boolean held) {
            kubeNode = new KubeNode("talos-k8s-01", true, ready, readySince, held);
            return this;
        }

        Facts noKubeNode() {
            kubeNode = KubeNode.absent("talos-k8s-01");
            return this;
        }

        Facts observe() {
            spec = spec("managementPolicy: Observe");
            return this;
        }

        Facts snapshotAt(Instant value) {
            snapshotAt = value;
            return this;
        }

        Facts adopt() {
            spec = spec("adopt: true");
            return this;
        }

        Facts delete() {
            spec = spec("deletionPolicy: Delete");
            return this;
        }

        Facts cloned() {
            spec = spec("", "{cloneFrom: {vmid: 9000}}");
            return this;
        }

        VmFacts build() {
            return new VmFacts(
                    vmid == null ? withoutVmid(spec) : spec,
                    "talos-k8s-01",
                    OWNER,
                    vmid,
                    uuid,
                    CANDIDATE,
                    guest,
                    config,
                    rediscovered,
                    seed,
                    task,
                    lastTask,
                    node,
                    seenBefore,
                    range,
                    taken,
                    snapshotAt,
                    pending,
                    restart,
                    kubeNode,
                    NOW);
        }
    }

    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    private static TalosNodeVMSpec withoutVmid(TalosNodeVMSpec spec) {
        return new TalosNodeVMSpec(
                spec.clusterRef(),
                null,
                spec.node(),
                spec.role(),
                spec.cpu(),
                spec.memoryMiB(),
                spec.balloonMiB(),
                spec.guestAgent(),
                spec.disks(),
                spec.networks(),
                spec.boot(),
                spec.talos(),
                spec.ha(),
                spec.powerState(),
                spec.startOnBoot(),
                spec.tags(),
                spec.deletionPolicy(),
                spec.adopt(),
                spec.managementPolicy());
    }

    /** The seed's talos-k8s-01 spec, plus {@code extra} YAML. */
    private static TalosNodeVMSpec spec(String extra) {
        return spec(extra, "{iso: \"local:iso/talos-v1.9.0-nocloud-amd64.iso\"}");
    }

    private static TalosNodeVMSpec spec(String extra, String boot) {
        return YAML.unmarshal("""
                clusterRef: {name: homelab}
                vmid: 101
                node: pve-ms01-01
                role: controlplane
                cpu: {cores: 8, sockets: 1}
                memoryMiB: 16384
                disks: [{slot: scsi0, storage: vm-disks, sizeGiB: 100}]
                networks:
                  - {slot: net0, bridge: vmbr0, vlan: 16}
                  - {slot: net1, bridge: vmbr0, vlan: 28}
                boot: %s
                talos: {machineConfigSecretRef: {name: talos-k8s-01}, kubernetesNodeName: talos-k8s-01}
                tags: [talos, k8s]
                %s
                """.formatted(boot, extra), TalosNodeVMSpec.class);
    }
}
