package dev.underlay.controller.talosnodevm;

import dev.underlay.api.v1alpha1.common.TaskRef;
import dev.underlay.api.v1alpha1.proxmoxcluster.VmidRangeSpec;
import dev.underlay.api.v1alpha1.talosnodevm.TalosNodeVMSpec;
import dev.underlay.controller.support.ownership.GuestMarker;
import dev.underlay.controller.support.ownership.OwnerMarker;
import dev.underlay.controller.support.ownership.OwnerMarker.Owner;
import dev.underlay.controller.support.plan.Plan;
import dev.underlay.controller.support.plan.TaskProgress;
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
