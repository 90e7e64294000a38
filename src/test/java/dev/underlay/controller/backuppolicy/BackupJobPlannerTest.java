package dev.underlay.controller.backuppolicy;

import dev.underlay.api.v1alpha1.backuppolicy.BackupPolicySpec;
import dev.underlay.controller.support.ownership.OwnerMarker;
import dev.underlay.controller.support.plan.Plan;
import dev.underlay.proxmox.model.BackupJob;
import dev.underlay.proxmox.model.PruneBackups;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link BackupJobPlanner} as a table: a spec (YAML), what Proxmox has under the job id, and the plan rendered as one
 * line ({@code Create job}, {@code Update [changed] clear [cleared]}, {@code Wait Reason}, ...). The job mapping itself
 * is shown by the create rows, rendered field by field.
 */
class BackupJobPlannerTest {

    private static final OwnerMarker.Owner OWNER = new OwnerMarker.Owner("underlay", "infra", "daily", "uid-1");
    private static final String ID = BackupJobMapping.jobIdFor(OWNER);
    private static final String MARKER = OwnerMarker.KEY + "underlay/infra/daily";
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Set<String> STORAGES = Set.of("backups", "nfs-external", "offsite");

    private static final String DAILY = """
            clusterRef: {name: homelab}
            schedule: "02:00"
            selector: {vmids: [103, 101, 102]}
            mode: snapshot
            storage: backups
            retention: {keepDaily: 7}
            """;

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void plans(String name, String specYaml, Optional<BackupJob> observed, Set<String> storages, String expected) {
        BackupPolicySpec spec = spec(specYaml);
        BackupSelection selection = BackupSelection.resolve(spec, List.of());

        Plan<JobAction> plan = new BackupJobPlanner(OWNER, ID).plan(spec, selection, storages, observed);

        assertThat(render(plan)).as(name).isEqualTo(expected);
    }

    static Stream<Arguments> rows() {
        BackupJob daily = job("02:00", "backups", List.of(101, 102, 103), "snapshot", "keep-daily=7", MARKER);
        return Stream.of(
                row(
                        "seed daily: vmids, snapshot, keep-daily=7, zstd, enabled, marker in the comment",
                        DAILY,
                        Optional.empty(),
                        "Create schedule=02:00 storage=backups vmid=[101, 102, 103] all=null pool=null exclude=[] "
                                + "enabled=true mode=snapshot compress=zstd prune-backups={keep-daily=7} "
                                + "notes-template=null comment=" + MARKER + " mailto=null"),
                row(
                        "seed weekly: all guests, stop mode, keep-weekly=4 on nfs-external",
                        """
                        clusterRef: {name: homelab}
                        schedule: "sun 03:00"
                        selector: {all: true}
                        exclude: [999]
                        mode: stop
                        storage: nfs-external
                        retention: {keepWeekly: 4}
                        """,
                        Optional.empty(),
                        "Create schedule=sun 03:00 storage=nfs-external vmid=[] all=true pool=null exclude=[999] "
                                + "enabled=true mode=stop compress=zstd prune-backups={keep-weekly=4} "
                                + "notes-template=null comment=" + MARKER + " mailto=null"),
                row(
                        "pool, no compression, several keeps (zeros left out), mail and notes, disabled",
                        """
                        clusterRef: {name: homelab}
                        schedule: "*-*-01 04:00"
                        selector: {pool: critical}
                        storage: offsite
                        compression: none
                        enabled: false
                        notesTemplate: "{{guestname}} monthly"
                        mailTo: [ops@example.org, admin@example.org]
                        retention: {keepLast: 0, keepMonthly: 6, keepYearly: 1}
                        """,
                        Optional.empty(),
                        "Create schedule=*-*-01 04:00 storage=offsite vmid=[] all=null pool=critical exclude=[] "
                                + "enabled=false mode=snapshot compress=0 prune-backups={keep-monthly=6, keep-yearly=1} "
                                + "notes-template={{guestname}} monthly comment=" + MARKER
                                + " mailto=admin@example.org,ops@example.org"),
                row("our job as desired: nothing to write", DAILY, Optional.of(daily), STORAGES, "Done"),
                row(
                        "vmid order and a person's comment text do not count as drift",
                        DAILY,
                        Optional.of(job(
                                "02:00",
                                "backups",
                                List.of(103, 101, 102),
                                "snapshot",
                                "keep-daily=7",
                                "nightly prod " + MARKER)),
                        STORAGES,
                        "Done"),
                row(
                        "schedule and retention changed in the spec: update those",
                        DAILY,
                        Optional.of(job("03:00", "backups", List.of(101, 102, 103), "snapshot", "keep-last=3", MARKER)),
                        STORAGES,
                        "Update [schedule, prune-backups] clear []"),
                row(
                        "from vmids to all: vmid cleared",
                        DAILY.replace("selector: {vmids: [103, 101, 102]}", "selector: {all: true}"),
                        Optional.of(daily),
                        STORAGES,
                        "Update [vmid, all] clear [vmid]"),
                row(
                        "a marker of an earlier version (the uid) is ours and rewritten",
                        DAILY,
                        Optional.of(job(
                                "02:00",
                                "backups",
                                List.of(101, 102, 103),
                                "snapshot",
                                "keep-daily=7",
                                OwnerMarker.KEY + "uid-1")),
                        STORAGES,
                        "Update [comment] clear []"),
                row(
                        "a job under our id without our marker: conflict, untouched",
                        DAILY,
                        Optional.of(job("02:00", "backups", List.of(101), "snapshot", "keep-daily=7", "by hand")),
                        STORAGES,
                        "Invalid OwnershipConflict"),
                row(
                        "another policy's marker: conflict",
                        DAILY,
                        Optional.of(job(
                                "02:00",
                                "backups",
                                List.of(101),
                                "snapshot",
                                "keep-daily=7",
                                OwnerMarker.KEY + "underlay/infra/other")),
                        STORAGES,
                        "Invalid OwnershipConflict"),
                row(
                        "the storage does not exist: wait, do not let Proxmox refuse",
                        DAILY.replace("storage: backups", "storage: nowhere"),
                        Optional.empty(),
                        STORAGES,
                        "Wait BackupStorageNotFound"),
                row(
                        "Observe: a missing job is reported, not created",
                        DAILY + "managementPolicy: Observe\n",
                        Optional.empty(),
                        STORAGES,
                        "Wait ObserveOnly"),
                row(
                        "Observe: drift is reported, not corrected",
                        DAILY + "managementPolicy: Observe\n",
                        Optional.of(
                                job("03:00", "backups", List.of(101, 102, 103), "snapshot", "keep-daily=7", MARKER)),
                        STORAGES,
                        "Wait ObserveOnly"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cleanups")
    void cleansUp(String name, String specYaml, Optional<BackupJob> observed, String expected) {
        Plan<JobAction> plan = new BackupJobPlanner(OWNER, ID).cleanup(spec(specYaml), observed);

        assertThat(render(plan)).as(name).isEqualTo(expected);
    }

    static Stream<Arguments> cleanups() {
        BackupJob ours = job("02:00", "backups", List.of(101), "snapshot", "keep-daily=7", "nightly " + MARKER);
        BackupJob foreign = job("02:00", "backups", List.of(101), "snapshot", "keep-daily=7", "by hand");
        return Stream.of(
                Arguments.of(
                        "Retain (default): only the marker goes, the person's text stays",
                        DAILY,
                        Optional.of(ours),
                        "Release comment=nightly"),
                Arguments.of(
                        "Delete: the job definition goes",
                        DAILY + "deletionPolicy: Delete\n",
                        Optional.of(ours),
                        "Delete " + ID),
                Arguments.of("no job: nothing to do", DAILY + "deletionPolicy: Delete\n", Optional.empty(), "Done"),
                Arguments.of(
                        "not ours: never deleted", DAILY + "deletionPolicy: Delete\n", Optional.of(foreign), "Done"),
                Arguments.of("already released (marker gone): done", DAILY, Optional.of(foreign), "Done"),
                Arguments.of(
                        "Observe: nothing is changed on deletion either",
                        DAILY + "deletionPolicy: Delete\nmanagementPolicy: Observe\n",
                        Optional.of(ours),
                        "Done"));
    }

    private static Arguments row(String name, String spec, Optional<BackupJob> observed, String expected) {
        return Arguments.of(name, spec, observed, STORAGES, expected);
    }

    private static Arguments row(
            String name, String spec, Optional<BackupJob> observed, Set<String> storages, String expected) {
        return Arguments.of(name, spec, observed, storages, expected);
    }

    static BackupPolicySpec spec(String yaml) {
        return SERIALIZATION.unmarshal(yaml, BackupPolicySpec.class);
    }

    static BackupJob job(
            String schedule, String storage, List<Integer> vmids, String mode, String prune, String comment) {
        return new BackupJob(
                ID,
                schedule,
                storage,
                vmids,
                null,
                null,
                null,
                true,
                mode,
                "zstd",
                PruneBackups.parse(prune),
                null,
                comment,
                null,
                null,
                null,
                null,
                null,
                null,
                1767232800L,
                "vzdump");
    }

    private static String render(Plan<JobAction> plan) {
        if (plan instanceof Plan.Act<JobAction> act) {
            return render(act.action());
        }
        if (plan instanceof Plan.Wait<JobAction> wait) {
            return "Wait " + wait.reason();
        }
        if (plan instanceof Plan.Invalid<JobAction> invalid) {
            return "Invalid " + invalid.reason();
        }
        return "Done";
    }

    private static String render(JobAction action) {
        if (action instanceof JobAction.Create create) {
            return "Create " + fields(create.job());
        }
        if (action instanceof JobAction.Update update) {
            return "Update " + update.changed() + " clear " + update.clear();
        }
        if (action instanceof JobAction.Release release) {
            return "Release comment=" + release.job().comment();
        }
        return "Delete " + ((JobAction.Delete) action).jobId();
    }

    private static String fields(BackupJob job) {
        StringBuilder out = new StringBuilder();
        for (BackupJobMapping.Field field : BackupJobMapping.MANAGED) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(field.wireName()).append('=').append(field.value().apply(job));
        }
        return out.toString();
    }
}
