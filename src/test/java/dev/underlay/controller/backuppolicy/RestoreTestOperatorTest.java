package dev.underlay.controller.backuppolicy;

import dev.underlay.api.v1alpha1.backuppolicy.BackupPolicy;
import dev.underlay.api.v1alpha1.backuppolicy.BackupPolicyStatus;
import dev.underlay.api.v1alpha1.backuppolicy.RestoreTestResultStatus;
import dev.underlay.api.v1alpha1.common.ConditionReasons;
import dev.underlay.api.v1alpha1.common.ConditionTypes;
import dev.underlay.config.UnderlayConfig;
import dev.underlay.connection.SimulatorRegistry;
import dev.underlay.controller.proxmoxcluster.SimulatedCluster;
import dev.underlay.controller.proxmoxcluster.SimulatedClusters;
import dev.underlay.controller.support.ownership.GuestMarker;
import dev.underlay.controller.support.ownership.OwnerMarker;
import dev.underlay.simulator.pve.PveSimulator;
import dev.underlay.simulator.pve.VmSeed;
import dev.underlay.testing.Awaits;
import dev.underlay.testing.DeployedCrds;
import dev.underlay.testing.Fixtures;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Restore tests run by the operator on the simulator: a good archive passes, a corrupt one fails naming the archive,
 * and whatever happens (including an operator restart mid-test) no scratch VM is left behind.
 */
@QuarkusTest
@WithKubernetesTestServer(setup = DeployedCrds.class)
@TestProfile(SimulatedClusters.class)
class RestoreTestOperatorTest {

    private static final KubernetesSerialization YAML = new KubernetesSerialization();
    private static final String NODE = "pve-ms01-01";

    enum Scenario {
        GOOD_ARCHIVE,
        CORRUPT_ARCHIVE,
        RESTART_MID_TEST,
        DELETED_MID_TEST
    }

    @Inject
    KubernetesClient client;

    @Inject
    SimulatorRegistry simulators;

    @Inject
    UnderlayConfig config;

    @Inject
    RestoreTestGuard guard;

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void aRestoreTestNeverLeavesAScratchVm(Scenario scenario) {
        String ns = Fixtures.namespace("rt-" + scenario.ordinal());
        Awaits await = Awaits.in(client, ns);
        dev.underlay.simulator.pve.PveSimulatorBuilder builder = PveSimulator.builder()
                .vm(VmSeed.of(101, NODE)
                        .name("vm-101")
                        .memoryMiB(2048)
                        .disk("scsi0", "vm-disks", 8)
                        .net("net0", "virtio,bridge=vmbr0")
                        .agent()
                        .running());
        if (scenario == Scenario.RESTART_MID_TEST) {
            // what an operator killed between the restore call and the status write leaves: a marked scratch VM
            builder.vm(VmSeed.of(990050, NODE)
                    .name("restore-test-101")
                    .tags(GuestMarker.TAG + ";" + RestoreTests.RESTORE_TAG)
                    .set("description", OwnerMarker.KEY + config.operator().ownerId() + "/" + ns + "/nightly")
                    .running());
        }
        PveSimulator simulator = builder.build();
        // slow tasks when the policy is to be deleted while its test runs, so that the test is caught mid-way
        simulator.taskLatency(
                scenario == Scenario.DELETED_MID_TEST ? Duration.ofSeconds(2) : Duration.ofMillis(50),
                scenario == Scenario.DELETED_MID_TEST ? Duration.ofSeconds(3) : Duration.ofMillis(100));
        SimulatedCluster sim = SimulatedCluster.register(simulators, ns, simulator);
        client.resource(sim.tokenSecret("pve-token")).create();
        client.resource(sim.resource("homelab", "pve-token", "clusterName: homelab-pve"))
                .create();
        if (scenario == Scenario.CORRUPT_ARCHIVE) {
            simulator.faults().corruptArchivesOf(101);
        }
        if (scenario == Scenario.RESTART_MID_TEST) {
            guard.forgetAll();
        }
        // due a few seconds after creation, once a day: exactly one test in this test's lifetime
        String at = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(4).format(DateTimeFormatter.ofPattern("HH:mm:ss"));
        BackupPolicy policy = client.resource(policy(ns, at)).create();
        // the test waits (NoArchiveYet) until the job has written an archive
        await.untilAsserted(
                "the job exists",
                () -> assertThat(Fixtures.fetch(client, policy).getStatus())
                        .extracting(BackupPolicyStatus::getJobId)
                        .isNotNull());
        simulator.runBackupJob(Fixtures.fetch(client, policy).getStatus().getJobId());
        await.untilAsserted("an archive of 101", () -> assertThat(archive(sim)).isNotNull());
        String volid = archive(sim);

        if (scenario == Scenario.DELETED_MID_TEST) {
            await.untilAsserted(
                    "a restore test in progress",
                    () -> assertThat(Fixtures.fetch(client, policy).getStatus().getRestoreTestInProgress())
                            .isNotNull());
            client.resource(policy).delete();
            await.untilAsserted("the policy gone, its scratch VM destroyed first", () -> {
                assertThat(Fixtures.fetch(client, policy)).isNull();
                assertThat(scratchVms(sim)).isEmpty();
            });
            assertThat(sim.journalSince(0))
                    .as("the scratch VM was restored, then purged")
                    .anySatisfy(e ->
                            assertThat(e.method() + " " + e.path()).startsWith("DELETE /nodes/" + NODE + "/qemu/99"));
            return;
        }

        await.untilAsserted("the restore test judged, its scratch VM gone", () -> {
            BackupPolicyStatus status = Fixtures.fetch(client, policy).getStatus();
            assertThat(status).isNotNull();
            assertThat(status.getRestoreTestInProgress()).isNull();
            assertThat(status.getLastRestoreTest()).isNotNull();
            assertThat(scratchVms(sim)).isEmpty();
        });
        RestoreTestResultStatus last =
                Fixtures.fetch(client, policy).getStatus().getLastRestoreTest();
        Condition failed = Fixtures.condition(client, policy, ConditionTypes.RESTORE_TEST_FAILED)
                .orElseThrow();
        assertThat(last.vmid()).isEqualTo(101);
        assertThat(last.volid()).isEqualTo(volid);
        if (scenario == Scenario.CORRUPT_ARCHIVE) {
            assertThat(last.result()).isEqualTo("Failed");
            assertThat(last.message()).contains(volid).contains("corrupt");
            assertThat(failed.getStatus()).isEqualTo("True");
            assertThat(failed.getReason()).isEqualTo(ConditionReasons.RESTORE_TEST_FAILED);
            assertThat(failed.getMessage()).contains(volid);
        } else {
            assertThat(last.result()).isEqualTo("Passed");
            assertThat(failed.getStatus()).isEqualTo("False");
        }
        assertThat(sim.journalSince(0))
                .as("the scratch VM was restored with new MACs, never started with a link up, and purged")
                .anySatisfy(e -> assertThat(e.method() + " " + e.path()).isEqualTo("POST /nodes/" + NODE + "/qemu"));
        if (scenario == Scenario.RESTART_MID_TEST) {
            assertThat(sim.journalSince(0))
                    .anySatisfy(e -> assertThat(e.method() + " " + e.path())
                            .isEqualTo("DELETE /nodes/" + NODE + "/qemu/990050"));
        }
    }

    private static String archive(SimulatedCluster sim) {
        return sim.simulator.query(c -> c.model().volumes.values().stream()
                .filter(v -> v.backupConfig != null && Integer.valueOf(101).equals(v.vmid))
                .map(v -> v.volid)
                .findFirst()
                .orElse(null));
    }

    private static List<Integer> scratchVms(SimulatedCluster sim) {
        return sim.simulator.query(c -> c.model().vms.values().stream()
                .filter(vm -> vm.vmid >= 990000
                        || vm.config.asMap().getOrDefault("tags", "").contains(RestoreTests.RESTORE_TAG))
                .map(vm -> vm.vmid)
                .toList());
    }

    private static BackupPolicy policy(String ns, String at) {
        BackupPolicy policy = YAML.unmarshal("""
                apiVersion: underlay.dev/v1alpha1
                kind: BackupPolicy
                metadata:
                  name: nightly
                spec:
                  clusterRef:
                    name: homelab
                  schedule: "02:00"
                  selector:
                    vmids: [101]
                  mode: snapshot
                  storage: backups
                  retention:
                    keepDaily: 7
                  restoreTest:
                    schedule: "%s"
                    targetNode: %s
                    targetStorage: vm-disks
                    timeoutSeconds: 120
                """.formatted(at, NODE), BackupPolicy.class);
        policy.getMetadata().setNamespace(ns);
        return policy;
    }
}
