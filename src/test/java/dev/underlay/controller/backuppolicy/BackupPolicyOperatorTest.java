package dev.underlay.controller.backuppolicy;

import dev.underlay.api.v1alpha1.backuppolicy.BackupPolicy;
import dev.underlay.api.v1alpha1.backuppolicy.BackupPolicyStatus;
import dev.underlay.api.v1alpha1.common.ConditionReasons;
import dev.underlay.api.v1alpha1.common.ConditionTypes;
import dev.underlay.api.v1alpha1.talosnodevm.TalosNodeVM;
import dev.underlay.config.UnderlayConfig;
import dev.underlay.connection.SimulatorRegistry;
import dev.underlay.controller.proxmoxcluster.SimulatedCluster;
import dev.underlay.controller.proxmoxcluster.SimulatedClusters;
import dev.underlay.controller.support.ownership.OwnerMarker;
import dev.underlay.simulator.pve.PveSimulator;
import dev.underlay.simulator.pve.PveVersion;
import dev.underlay.simulator.pve.VmSeed;
import dev.underlay.simulator.pve.journal.JournalEntry;
import dev.underlay.testing.Awaits;
import dev.underlay.testing.DeployedCrds;
import dev.underlay.testing.Fixtures;
import dev.underlay.testing.TalosNodes;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.underlay.testing.Fixtures.readyReason;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed's backup plan run by the operator on the simulator: the three example policies become three native
 * Proxmox backup jobs, follow spec edits, report their runs, and on deletion leave the job running (Retain) or remove
 * it (Delete). A job under the policy's id that is not the policy's is reported and never touched.
 */
@QuarkusTest
@WithKubernetesTestServer(setup = DeployedCrds.class)
@TestProfile(SimulatedClusters.class)
class BackupPolicyOperatorTest {

    private static final KubernetesSerialization YAML = new KubernetesSerialization();
    private static final Path EXAMPLES = Path.of("deploy/examples");

    @Inject
    KubernetesClient client;

    @Inject
    SimulatorRegistry simulators;

    @Inject
    UnderlayConfig config;

    @ParameterizedTest
    @EnumSource(PveVersion.class)
    void theSeedsThreePoliciesBecomeThreeNativeJobs(PveVersion version) throws IOException {
        String ns = Fixtures.namespace("bkp-seed");
        Awaits await = Awaits.in(client, ns);
        PveSimulator simulator = PveSimulator.builder()
                .version(version)
                .vm(guest(101, "pve-ms01-01"))
                .vm(guest(102, "pve-ms01-02"))
                .vm(guest(103, "pve-aimax-01"))
                .vm(guest(104, "pve-ms01-02"))
                .build();
        simulator.taskLatency(Duration.ofMillis(50), Duration.ofMillis(100));
        SimulatedCluster sim = SimulatedCluster.register(simulators, ns, simulator);
        client.resource(sim.tokenSecret("pve-token")).create();
        client.resource(sim.resource("homelab", "pve-token", "clusterName: homelab-pve"))
                .create();
        // the critical ones by label: 101 and 103; 104 carries another label
        client.resource(labelled(
                        TalosNodes.controlPlane(ns, "talos-k8s-01", "homelab", 101, "pve-ms01-01", "k1", ""),
                        "critical"))
                .create();
        client.resource(labelled(
                        TalosNodes.controlPlane(ns, "talos-k8s-03", "homelab", 103, "pve-aimax-01", "k3", ""),
                        "critical"))
                .create();
        client.resource(labelled(
                        TalosNodes.controlPlane(ns, "talos-k8s-04", "homelab", 104, "pve-ms01-02", "k4", ""), "low"))
                .create();

        BackupPolicy daily = client.resource(example(ns, "05-backuppolicy-daily-production.yaml"))
                .create();
        BackupPolicy weekly =
                client.resource(example(ns, "05-backuppolicy-weekly-all.yaml")).create();
        BackupPolicy monthly = client.resource(example(ns, "05-backuppolicy-monthly-critical.yaml"))
                .create();

        await.untilAsserted("three policies Ready, each with its job", () -> {
            for (BackupPolicy policy : List.of(daily, weekly, monthly)) {
                assertThat(readyReason(client, policy))
                        .as(policy.getMetadata().getName())
                        .isEqualTo(ConditionReasons.RECONCILED);
            }
            assertThat(jobs(sim)).hasSize(3);
        });
        Map<String, String> dailyJob = job(sim, status(daily).getJobId());
        assertThat(dailyJob)
                .containsEntry("schedule", "02:00")
                .containsEntry("storage", "backups")
                .containsEntry("mode", "snapshot")
                .containsEntry("vmid", "101,102,103")
                .containsEntry("prune-backups", "keep-daily=7")
                .containsEntry("compress", "zstd");
        assertThat(OwnerMarker.owner(dailyJob.get("comment")))
                .contains(config.operator().ownerId() + "/" + ns + "/daily-production");
        assertThat(job(sim, status(weekly).getJobId()))
                .containsEntry("schedule", "sun 03:00")
                .containsEntry("storage", "nfs-external")
                .containsEntry("mode", "stop")
                .containsEntry("all", "1")
                .containsEntry("prune-backups", "keep-weekly=4");
        assertThat(job(sim, status(monthly).getJobId()))
                .containsEntry("schedule", "*-*-01 04:00")
                .containsEntry("storage", "offsite")
                .containsEntry("mode", "snapshot")
                .containsEntry("vmid", "101,103")
                .containsEntry("prune-backups", "keep-monthly=6");

        BackupPolicyStatus dailyStatus = status(daily);
        assertThat(dailyStatus.getJobId())
                .isEqualTo(BackupJobMapping.jobIdFor(
                        new OwnerMarker.Owner(config.operator().ownerId(), ns, "daily-production", null)));
        assertThat(dailyStatus.getKeep()).isEqualTo("keep-daily=7");
        assertThat(dailyStatus.getNextRunTime()).matches("\\d{4}-\\d\\d-\\d\\dT02:00:00Z");
        assertThat(dailyStatus.getCoveredVMIDs()).containsExactly(101, 102, 103);
        assertThat(status(weekly).getCoveredVMIDs()).containsExactly(101, 102, 103, 104);
        assertThat(status(monthly).getNextRunTime()).matches("\\d{4}-\\d\\d-01T04:00:00Z");
        assertThat(sim.journalSince(0))
                .as("one create per job, and nothing rewritten while nothing changed")
                .filteredOn(e -> e.mutating() && e.path().startsWith("/cluster/backup"))
                .extracting(JournalEntry::method)
                .containsExactly("POST", "POST", "POST");

        // a run, as the schedule would start it: recorded as the last run
        sim.simulator.runBackupJob(status(daily).getJobId());
        await.untilAsserted("the run shows as the last run", () -> {
            BackupPolicyStatus now = status(daily);
            assertThat(now.getLastRun()).isNotNull();
            assertThat(now.getLastRun().status()).isEqualTo("OK");
            assertThat(now.getLastRun().upid()).contains(":vzdump:");
            assertThat(now.getLastSuccessfulRun()).isNotNull();
            assertThat(condition(daily, ConditionTypes.LAST_RUN_FAILED).getStatus())
                    .isEqualTo("False");
        });

        // the spec changes: that field is rewritten, once
        int beforeEdit = sim.journalSize();
        editSpec(daily, "keepDaily: 7", "keepDaily: 14");
        await.untilAsserted("retention follows the spec", () -> {
            assertThat(job(sim, status(daily).getJobId())).containsEntry("prune-backups", "keep-daily=14");
            assertThat(status(daily).getKeep()).isEqualTo("keep-daily=14");
        });
        assertThat(writes(sim, beforeEdit))
                .containsExactly("PUT /cluster/backup/" + status(daily).getJobId());

        // the label selection follows the TalosNodeVMs
        Fixtures.edit(
                client,
                client.resources(TalosNodeVM.class)
                        .inNamespace(ns)
                        .withName("talos-k8s-04")
                        .get(),
                vm -> labelled(vm, "critical"));
        await.untilAsserted(
                "104 joins the monthly job once labelled critical",
                () -> assertThat(job(sim, status(monthly).getJobId())).containsEntry("vmid", "101,103,104"));

        // deletion: Retain leaves the job running without our marker, Delete removes it
        String dailyId = status(daily).getJobId();
        String weeklyId = status(weekly).getJobId();
        editSpec(weekly, "deletionPolicy: \"?Retain\"?", "deletionPolicy: Delete");
        await.untilAsserted(
                "weekly's spec seen",
                () -> assertThat(Fixtures.fetch(client, weekly).getStatus().getObservedGeneration())
                        .isEqualTo(2L));
        client.resource(Fixtures.fetch(client, daily)).delete();
        client.resource(Fixtures.fetch(client, weekly)).delete();
        await.untilAsserted("both policies gone", () -> {
            assertThat(client.resources(BackupPolicy.class)
                            .inNamespace(ns)
                            .withName("daily-production")
                            .get())
                    .isNull();
            assertThat(client.resources(BackupPolicy.class)
                            .inNamespace(ns)
                            .withName("weekly-all")
                            .get())
                    .isNull();
        });
        assertThat(jobs(sim))
                .as("Delete removed weekly's job")
                .doesNotContainKey(weeklyId)
                .containsKey(dailyId);
        Map<String, String> retained = job(sim, dailyId);
        assertThat(OwnerMarker.owner(retained.get("comment")))
                .as("Retain took the marker off")
                .isEmpty();
        assertThat(retained).containsEntry("schedule", "02:00").containsEntry("prune-backups", "keep-daily=14");
        long archives = sim.simulator.query(c -> c.model().volumes.values().stream()
                .filter(v -> "backup".equals(v.content))
                .count());
        assertThat(archives).as("archives are never deleted").isEqualTo(3L);
    }

    @Test
    void aJobUnderThePolicysIdThatIsNotItsOwnIsAConflictAndUntouched() {
        String ns = Fixtures.namespace("bkp-foreign");
        Awaits await = Awaits.in(client, ns);
        String id = BackupJobMapping.jobIdFor(
                new OwnerMarker.Owner(config.operator().ownerId(), ns, "nightly", null));
        PveSimulator simulator = PveSimulator.builder()
                .vm(guest(101, "pve-ms01-01"))
                .backupJob(id, Map.of("schedule", "23:00", "storage", "local", "vmid", "101", "comment", "by hand"))
                .build();
        SimulatedCluster sim = SimulatedCluster.register(simulators, ns, simulator);
        client.resource(sim.tokenSecret("pve-token")).create();
        client.resource(sim.resource("homelab", "pve-token", "clusterName: homelab-pve"))
                .create();

        BackupPolicy policy =
                client.resource(Fixtures.policy(ns, "nightly", "homelab")).create();

        await.untilAsserted("OwnershipConflict naming the job", () -> {
            assertThat(readyReason(client, policy)).isEqualTo(ConditionReasons.OWNERSHIP_CONFLICT);
            assertThat(Fixtures.ready(client, policy).orElseThrow().getMessage())
                    .contains(id)
                    .contains("carries no ownership marker");
        });
        assertThat(job(sim, id)).containsEntry("schedule", "23:00").containsEntry("comment", "by hand");
        assertThat(sim.journalSince(0))
                .as("the foreign job is never written")
                .filteredOn(e -> e.mutating() && e.path().startsWith("/cluster/backup"))
                .isEmpty();

        client.resource(Fixtures.fetch(client, policy)).delete();
        await.untilAsserted(
                "deleting the policy leaves the foreign job alone",
                () -> assertThat(client.resources(BackupPolicy.class)
                                .inNamespace(ns)
                                .withName("nightly")
                                .get())
                        .isNull());
        assertThat(job(sim, id)).containsEntry("comment", "by hand");
        assertThat(Fixtures.events(client, policy))
                .extracting(Event::getReason)
                .doesNotContain(BackupJobActions.DELETED);
    }

    @Test
    void aMisspeltScheduleIsInvalidSpecNamingTheToken() {
        String ns = Fixtures.namespace("bkp-invalid");
        BackupPolicy policy = Fixtures.policy(ns, "nightly", "homelab");
        BackupPolicy misspelt =
                YAML.unmarshal(YAML.asYaml(policy).replace("\"02:00\"", "\"mnday 02:00\""), BackupPolicy.class);

        client.resource(misspelt).create();

        Awaits.in(client, ns).untilAsserted("InvalidSpec naming the token", () -> {
            assertThat(readyReason(client, misspelt)).isEqualTo(ConditionReasons.INVALID_SPEC);
            assertThat(Fixtures.ready(client, misspelt).orElseThrow().getMessage())
                    .contains("\"mnday\" at position 1");
        });
    }

    private static VmSeed guest(int vmid, String node) {
        return VmSeed.of(vmid, node)
                .name("vm-" + vmid)
                .memoryMiB(2048)
                .disk("scsi0", "vm-disks", 8)
                .running();
    }

    private static TalosNodeVM labelled(TalosNodeVM vm, String criticality) {
        Map<String, String> labels = new LinkedHashMap<>(
                Optional.ofNullable(vm.getMetadata().getLabels()).orElse(Map.of()));
        labels.put("criticality", criticality);
        vm.getMetadata().setLabels(labels);
        return vm;
    }

    private static BackupPolicy example(String ns, String file) throws IOException {
        BackupPolicy policy = YAML.unmarshal(Files.readString(EXAMPLES.resolve(file)), BackupPolicy.class);
        policy.getMetadata().setNamespace(ns);
        return policy;
    }

    /** Rewrites the policy's YAML: {@code pattern} (a regex that must match) becomes {@code replacement}. */
    private void editSpec(BackupPolicy policy, String pattern, String replacement) {
        Fixtures.edit(client, policy, current -> {
            String yaml = YAML.asYaml(current);
            assertThat(yaml).containsPattern(pattern);
            return YAML.unmarshal(yaml.replaceAll(pattern, replacement), BackupPolicy.class);
        });
    }

    private BackupPolicyStatus status(BackupPolicy policy) {
        return Fixtures.fetch(client, policy).getStatus();
    }

    private Condition condition(BackupPolicy policy, String type) {
        return Fixtures.condition(client, policy, type).orElseThrow();
    }

    private static Map<String, Map<String, String>> jobs(SimulatedCluster sim) {
        return sim.simulator.query(c -> {
            Map<String, Map<String, String>> out = new LinkedHashMap<>();
            c.model().backupJobs.forEach((id, job) -> out.put(id, Map.copyOf(job.options)));
            return out;
        });
    }

    private static Map<String, String> job(SimulatedCluster sim, String id) {
        Map<String, String> job = jobs(sim).get(id);
        assertThat(job).as("backup job " + id).isNotNull();
        return job;
    }

    private static List<String> writes(SimulatedCluster sim, int from) {
        return sim.journalSince(from).stream()
                .filter(JournalEntry::mutating)
                .map(e -> e.method() + " " + e.path())
                .toList();
    }
}
