package dev.underlay.controller.talosnodevm;

import dev.underlay.api.v1alpha1.common.ConditionReasons;
import dev.underlay.api.v1alpha1.common.ConditionTypes;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.api.v1alpha1.talosnodevm.RestartStatus;
import dev.underlay.api.v1alpha1.talosnodevm.TalosNodeVM;
import dev.underlay.api.v1alpha1.talosnodevm.TalosNodeVMSpec;
import dev.underlay.api.v1alpha1.talosnodevm.TalosNodeVMStatus;
import dev.underlay.connection.SimulatorRegistry;
import dev.underlay.controller.proxmoxcluster.SimulatedCluster;
import dev.underlay.controller.proxmoxcluster.SimulatedClusters;
import dev.underlay.controller.support.Conditions;
import dev.underlay.controller.support.disruption.DisruptionMarks;
import dev.underlay.controller.support.ownership.GuestMarker;
import dev.underlay.simulator.pve.PveSimulator;
import dev.underlay.simulator.pve.PveVersion;
import dev.underlay.simulator.pve.journal.JournalEntry;
import dev.underlay.simulator.pve.model.Volume;
import dev.underlay.testing.Awaits;
import dev.underlay.testing.DeployedCrds;
import dev.underlay.testing.Fixtures;
import dev.underlay.testing.TalosNodes;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.underlay.testing.Fixtures.readyReason;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed's three Talos control-plane VMs, declared by deploy/examples, brought to life on an empty simulated
 * cluster (PVE 8.4 and 9.1) by the operator, and deleted again under both deletion policies. Watched from outside:
 * status, the simulator's VMs and volumes, and its request journal.
 */
@QuarkusTest
@WithKubernetesTestServer(setup = DeployedCrds.class)
@TestProfile(SimulatedClusters.class)
class TalosNodeVMOperatorTest {

    private static final List<String> NAMES = List.of("talos-k8s-01", "talos-k8s-02", "talos-k8s-03");
    private static final Map<String, String> NODES =
            Map.of("talos-k8s-01", "pve-ms01-01", "talos-k8s-02", "pve-ms01-02", "talos-k8s-03", "pve-aimax-01");

    @Inject
    KubernetesClient client;

    @Inject
    SimulatorRegistry simulators;

    @ParameterizedTest
    @EnumSource(PveVersion.class)
    void theSeedsTalosVmsAreCreatedStartedAndDeleted(PveVersion version) throws IOException {
        String ns = Fixtures.namespace("tnvm-seed");
        Awaits await = Awaits.in(client, ns);
        PveSimulator simulator = PveSimulator.builder().version(version).build();
        SimulatedCluster sim = SimulatedCluster.register(simulators, ns, simulator);
        client.resource(sim.tokenSecret("pve-token")).create();
        ProxmoxCluster cluster = client.resource(sim.resource("homelab", "pve-token", "clusterName: homelab-pve"))
                .create();
        await.untilAsserted(
                "cluster Ready", () -> assertThat(readyReason(client, cluster)).isEqualTo(ConditionReasons.RECONCILED));
        for (String name : NAMES) {
            client.resource(Fixtures.secret(ns, name, Map.of("machineconfig", machineConfig(name))))
                    .create();
            TalosNodeVM vm = example(name);
            vm.getMetadata().setNamespace(ns);
            client.resource(vm).create();
        }

        await.untilAsserted("three running VMs, Ready", () -> {
            for (String name : NAMES) {
                TalosNodeVM vm = fetch(ns, name);
                assertThat(readyReason(client, vm)).as(name).isEqualTo(ConditionReasons.RECONCILED);
                assertThat(vm.getStatus().getPowerState()).isEqualTo("Running");
            }
        });
        for (String name : NAMES) {
            TalosNodeVM vm = fetch(ns, name);
            int vmid = vm.getSpec().vmid();
            Map<String, String> config = config(simulator, vmid);
            assertThat(vm.getStatus().getVmid()).isEqualTo(vmid);
            assertThat(vm.getStatus().getNode()).isEqualTo(NODES.get(name));
            assertThat(vm.getMetadata().getAnnotations())
                    .containsEntry(VmIdentity.VMID_ANNOTATION, Integer.toString(vmid))
                    .containsEntry(
                            VmIdentity.SMBIOS_UUID_ANNOTATION, vm.getStatus().getSmbiosUuid());
            assertThat(config)
                    .containsEntry("name", name)
                    .containsEntry("cpu", "x86-64-v2-AES")
                    .containsEntry("cores", "8")
                    .containsEntry("memory", "16384")
                    .containsEntry("scsihw", "virtio-scsi-single")
                    .containsEntry("onboot", "1")
                    .containsEntry("smbios1", "uuid=" + vm.getStatus().getSmbiosUuid())
                    .doesNotContainKey("agent");
            assertThat(config.get("net0")).contains("bridge=vmbr0").contains("tag=16");
            assertThat(config.get("net1")).contains("tag=28");
            assertThat(config.get("scsi0")).startsWith("vm-disks:").contains("iothread=1");
            assertThat(config.get("ide2")).startsWith("local:iso/talos-v1.9.0-nocloud-amd64.iso");
            assertThat(config.get("ide3")).startsWith("local:iso/underlay-cidata-" + vmid + ".iso");
            assertThat(config.get("tags")).contains(GuestMarker.TAG).contains("talos");
            assertThat(config.get("description"))
                    .contains("underlay.dev/owner=")
                    .endsWith(ns + "/" + name);

            byte[] image = uploaded(simulator, "local:iso/underlay-cidata-" + vmid + ".iso");
            assertThat(new String(image, 16 * 2048 + 40, 32, StandardCharsets.US_ASCII).strip())
                    .as("ISO 9660 volume label")
                    .isEqualToIgnoringCase("cidata");
            assertThat(indexOf(image, machineConfig(name).getBytes(StandardCharsets.UTF_8)))
                    .as("user-data is the Secret's machine config")
                    .isNotNegative();
            assertThat(vm.getStatus().toString() + Fixtures.events(client, vm)).doesNotContain(machineConfig(name));
        }
        assertThat(writes(sim, 0).stream().filter(w -> w.startsWith("POST /nodes/") && w.endsWith("/qemu")))
                .as("exactly one create per VM")
                .hasSize(3);

        int steady = sim.journalSize();
        for (String name : NAMES) {
            Fixtures.edit(client, fetch(ns, name), v -> {
                v.getMetadata().getLabels().put("touched", "yes");
                return v;
            });
        }
        Awaitility.await("a second reconcile writes nothing")
                .during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(writes(sim, steady)).isEmpty());

        // restored from a backup (Velero, an Argo CD re-sync): no status, no identity annotations; the VMs are found
        // again by spec.vmid and their ownership marker, the SMBIOS UUID is read back from them, nothing is created
        Map<String, String> uuids = new HashMap<>();
        for (String name : NAMES) {
            TalosNodeVM before = fetch(ns, name);
            uuids.put(name, before.getStatus().getSmbiosUuid());
            TalosNodeVM stripped = Fixtures.edit(client, before, v -> {
                v.getMetadata().getAnnotations().remove(VmIdentity.VMID_ANNOTATION);
                v.getMetadata().getAnnotations().remove(VmIdentity.SMBIOS_UUID_ANNOTATION);
                return v;
            });
            stripped.setStatus(new TalosNodeVMStatus());
            client.resource(stripped).updateStatus();
        }
        await.untilAsserted("status rebuilt from Proxmox", () -> {
            for (String name : NAMES) {
                TalosNodeVM vm = fetch(ns, name);
                assertThat(readyReason(client, vm)).as(name).isEqualTo(ConditionReasons.RECONCILED);
                assertThat(vm.getStatus().getVmid()).isEqualTo(vm.getSpec().vmid());
                assertThat(vm.getStatus().getNode()).isEqualTo(NODES.get(name));
                assertThat(vm.getStatus().getSmbiosUuid()).isEqualTo(uuids.get(name));
                assertThat(vm.getMetadata().getAnnotations())
                        .containsEntry(VmIdentity.SMBIOS_UUID_ANNOTATION, uuids.get(name));
            }
        });
        assertThat(writes(sim, steady))
                .as("a restore changes nothing on Proxmox")
                .isEmpty();
        int vmCount = simulator.query(c -> c.model().vms.size());
        assertThat(vmCount).as("no VM created twice").isEqualTo(3);

        // Retain (the example's policy): the VM stays, unmarked
        client.resource(fetch(ns, "talos-k8s-01")).delete();
        await.untilAsserted("talos-k8s-01 released", () -> {
            assertThat(client.resources(TalosNodeVM.class)
                            .inNamespace(ns)
                            .withName("talos-k8s-01")
                            .get())
                    .isNull();
            Map<String, String> config = config(simulator, 101);
            assertThat(config.getOrDefault("tags", "")).doesNotContain(GuestMarker.TAG);
            assertThat(config.getOrDefault("description", "")).doesNotContain("underlay.dev/owner=");
        });
        assertThat(running(simulator, 101)).isTrue();

        // Delete (talos-k8s-02's policy here): stopped, destroyed with purge, its seed removed
        client.resource(fetch(ns, "talos-k8s-02")).delete();
        await.untilAsserted("talos-k8s-02 destroyed", () -> {
            assertThat(client.resources(TalosNodeVM.class)
                            .inNamespace(ns)
                            .withName("talos-k8s-02")
                            .get())
                    .isNull();
            boolean vmLeft = simulator.query(c -> c.model().vms.containsKey(102));
            assertThat(vmLeft).isFalse();
            boolean seedLeft = simulator.query(
                    c -> c.model().volumes.values().stream().anyMatch(v -> v.volid.contains("underlay-cidata-102")));
            assertThat(seedLeft).isFalse();
        });
        List<String> deletes = writes(sim, steady);
        assertThat(deletes)
                .containsSubsequence(
                        "POST /nodes/pve-ms01-02/qemu/102/status/stop", "DELETE /nodes/pve-ms01-02/qemu/102");
    }

    /**
     * A memory change on one control-plane VM of three: PVE holds it pending (no memory hotplug), so the VM is
     * cordoned, drained (no pods here; the drain itself is NodeDrainer's tests'), shut down, started, and uncordoned
     * once its Node reports Ready again. A second VM changed meanwhile waits, naming the first, until it is done.
     */
    @Test
    void aMemoryChangeRestartsOneControlPlaneVmAtATimeBehindTheGate() throws IOException {
        String ns = Fixtures.namespace("tnvm-gate");
        Awaits await = Awaits.in(client, ns);
        PveSimulator simulator =
                PveSimulator.builder().version(PveVersion.PVE_9_1).build();
        SimulatedCluster sim = SimulatedCluster.register(simulators, ns, simulator);
        client.resource(sim.tokenSecret("pve-token")).create();
        ProxmoxCluster cluster = client.resource(sim.resource("homelab", "pve-token", "clusterName: homelab-pve"))
                .create();
        await.untilAsserted(
                "cluster Ready", () -> assertThat(readyReason(client, cluster)).isEqualTo(ConditionReasons.RECONCILED));
        for (String name : NAMES) {
            client.resource(Fixtures.secret(ns, name, Map.of("machineconfig", machineConfig(name))))
                    .create();
            TalosNodeVM vm = example(name);
            vm.getMetadata().setNamespace(ns);
            client.resource(vm).create();
            Node node = TalosNodes.readyControlPlaneNode(name);
            node.getStatus()
                    .getConditions()
                    .get(0)
                    .setLastHeartbeatTime(Instant.now().toString());
            client.nodes().resource(node).createOr(existing -> existing.update());
        }
        await.untilAsserted("three running VMs, Ready", () -> {
            for (String name : NAMES) {
                assertThat(readyReason(client, fetch(ns, name))).as(name).isEqualTo(ConditionReasons.RECONCILED);
            }
        });
        int before = sim.journalSize();

        Fixtures.edit(client, fetch(ns, "talos-k8s-01"), v -> withMemory(v, 20480));
        await.untilAsserted("talos-k8s-01 cordoned for its restart", () -> {
            Node node = client.nodes().withName("talos-k8s-01").get();
            assertThat(node.getSpec().getUnschedulable()).isTrue();
            assertThat(node.getMetadata().getAnnotations().get(DisruptionMarks.ANNOTATION))
                    .isEqualTo("restart:" + ns + "/talos-k8s-01");
        });
        Fixtures.edit(client, fetch(ns, "talos-k8s-02"), v -> withMemory(v, 20480));
        await.untilAsserted("talos-k8s-02 waits for talos-k8s-01", () -> {
            TalosNodeVM second = fetch(ns, "talos-k8s-02");
            assertThat(readyReason(client, second)).isEqualTo(ConditionReasons.RESTART_WAITING);
            assertThat(readyMessage(second)).contains("talos-k8s-01");
            assertThat(Conditions.find(second.getStatus().getConditions(), ConditionTypes.PENDING_RESTART)
                            .map(c -> c.getStatus()))
                    .contains("True");
        });

        await.untilAsserted("talos-k8s-01 restarted, Ready, uncordoned", () -> {
            kubeletReportsReadyAfterStart(ns, simulator);
            assertRestarted(ns, simulator, "talos-k8s-01", 101);
        });
        await.untilAsserted("then talos-k8s-02", () -> {
            kubeletReportsReadyAfterStart(ns, simulator);
            assertRestarted(ns, simulator, "talos-k8s-02", 102);
        });
        List<String> writes = writes(sim, before);
        assertThat(writes)
                .containsSubsequence(
                        "PUT /nodes/pve-ms01-01/qemu/101/config",
                        "POST /nodes/pve-ms01-01/qemu/101/status/shutdown",
                        "POST /nodes/pve-ms01-01/qemu/101/status/start",
                        "POST /nodes/pve-ms01-02/qemu/102/status/shutdown",
                        "POST /nodes/pve-ms01-02/qemu/102/status/start");
        assertThat(writes.stream().filter(w -> w.endsWith("/status/start")))
                .as("one start per restart")
                .hasSize(2);
        assertThat(writes).noneMatch(w -> w.contains("/103/"));
    }

    private static TalosNodeVM withMemory(TalosNodeVM vm, int mib) {
        String yaml =
                new KubernetesSerialization().asYaml(vm.getSpec()).replace("memoryMiB: 16384", "memoryMiB: " + mib);
        TalosNodeVM edited = new TalosNodeVM();
        edited.setMetadata(vm.getMetadata());
        edited.setSpec(new KubernetesSerialization().unmarshal(yaml, TalosNodeVMSpec.class));
        return edited;
    }

    /** The kubelet stand-in: a Node whose VM runs again after a restart reports Ready (a fresh heartbeat). */
    private void kubeletReportsReadyAfterStart(String ns, PveSimulator simulator) {
        for (String name : NAMES) {
            TalosNodeVM vm = fetch(ns, name);
            RestartStatus restart = vm.getStatus().getRestart();
            if (restart != null
                    && restart.phase() == RestartStatus.Phase.Starting
                    && running(simulator, vm.getSpec().vmid())) {
                client.nodes().withName(name).editStatus(node -> {
                    node.getStatus()
                            .getConditions()
                            .get(0)
                            .setLastHeartbeatTime(Instant.now().toString());
                    return node;
                });
            }
        }
    }

    private void assertRestarted(String ns, PveSimulator simulator, String name, int vmid) {
        TalosNodeVM vm = fetch(ns, name);
        assertThat(vm.getStatus().getRestart()).isNull();
        assertThat(readyReason(client, vm)).isEqualTo(ConditionReasons.RECONCILED);
        Node node = client.nodes().withName(name).get();
        assertThat(node.getSpec().getUnschedulable()).isNotEqualTo(Boolean.TRUE);
        assertThat(Optional.ofNullable(node.getMetadata().getAnnotations())
                        .map(a -> a.get(DisruptionMarks.ANNOTATION))
                        .orElse(null))
                .isNull();
        assertThat(config(simulator, vmid)).containsEntry("memory", "20480");
        boolean pending = simulator.query(c -> !c.model().vms.get(vmid).pending.isEmpty());
        assertThat(pending).as("nothing left pending").isFalse();
    }

    private static String readyMessage(TalosNodeVM vm) {
        return Conditions.find(vm.getStatus().getConditions(), ConditionTypes.READY)
                .map(c -> c.getMessage())
                .orElse("");
    }

    private TalosNodeVM fetch(String ns, String name) {
        return client.resources(TalosNodeVM.class)
                .inNamespace(ns)
                .withName(name)
                .get();
    }

    private static String machineConfig(String name) {
        return "version: v1alpha1\nmachine:\n  type: controlplane\n  token: do-not-log-" + name + "\n";
    }

    /** The example as shipped; talos-k8s-02 with deletionPolicy Delete, to see both policies. */
    private TalosNodeVM example(String name) throws IOException {
        String yaml = Files.readString(Path.of("deploy/examples/04-talosnodevm-" + name + ".yaml"));
        if (name.equals("talos-k8s-02")) {
            yaml = yaml.replace("deletionPolicy: Retain", "deletionPolicy: Delete");
        }
        return client.getKubernetesSerialization().unmarshal(yaml, TalosNodeVM.class);
    }

    private static Map<String, String> config(PveSimulator simulator, int vmid) {
        return simulator.query(c -> Map.copyOf(c.model().vms.get(vmid).config.asMap()));
    }

    private static boolean running(PveSimulator simulator, int vmid) {
        Boolean running = simulator.query(c -> c.model().vms.get(vmid).running);
        return running;
    }

    private static byte[] uploaded(PveSimulator simulator, String volid) {
        Optional<Volume> volume = simulator.query(c -> c.model().volumes.values().stream()
                .filter(v -> v.volid.equals(volid))
                .findFirst());
        assertThat(volume).as(volid).isPresent();
        assertThat(volume.get().uploaded).as("bytes kept").isNotNull();
        return volume.get().uploaded;
    }

    private static List<String> writes(SimulatedCluster sim, int from) {
        return sim.journalSince(from).stream()
                .filter(JournalEntry::mutating)
                .map(e -> e.method() + " " + e.path())
                .toList();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            int j = 0;
            while (j < needle.length && haystack[i + j] == needle[j]) {
                j++;
            }
            if (j == needle.length) {
                return i;
            }
        }
        return -1;
    }
}
