package dev.underlay.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.underlay.api.schema.ApiServerValidation;
import dev.underlay.api.schema.CrFixture;
import dev.underlay.api.schema.CrdCatalog;
import dev.underlay.api.schema.ExampleManifests;
import dev.underlay.api.schema.PrinterColumns;
import dev.underlay.api.schema.SchemaDefaults;
import dev.underlay.api.schema.Yaml;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code kubectl get} shows for each kind, from the printer columns in deploy/crds evaluated on stored objects
 * (schema defaults applied) with a realistic status, at a fixed "now".
 */
class PrinterColumnsTest {

    private static final Instant NOW = Instant.parse("2025-11-04T10:00:00Z");
    private static final ApiServerValidation API_SERVER = ApiServerValidation.deployed();
    private static final CrdCatalog CRDS = API_SERVER.crds();

    private static ObjectNode stored(String statusFixture) {
        ObjectNode object = Yaml.documents(CrFixture.ROOT.resolve("status").resolve(statusFixture))
                .get(0);
        assertThat(API_SERVER.create(object).violations())
                .as("%s is a valid object", statusFixture)
                .isEmpty();
        return SchemaDefaults.apply(CRDS.byKind(object.path("kind").asText()).schema(), object);
    }

    private static List<String> row(String statusFixture, boolean wide) {
        ObjectNode object = stored(statusFixture);
        return PrinterColumns.row(CRDS.byKind(object.path("kind").asText()), object, NOW, wide);
    }

    @Test
    void columnsAreInTheDeclaredOrder() {
        assertThat(PrinterColumns.headers(CRDS.byKind("ProxmoxCluster"), false))
                .containsExactly("NAME", "CLUSTER", "VERSION", "QUORATE", "NODES", "CEPH", "READY", "AGE");
        assertThat(PrinterColumns.headers(CRDS.byKind("CephPool"), false))
                .containsExactly("NAME", "POOL", "SIZE", "MIN", "PGS", "USED%", "READY", "AGE");
        assertThat(PrinterColumns.headers(CRDS.byKind("TalosNodeVM"), false))
                .containsExactly("NAME", "VMID", "NODE", "STATE", "IP", "K8S-READY", "READY", "AGE");
        assertThat(PrinterColumns.headers(CRDS.byKind("BackupPolicy"), false))
                .containsExactly(
                        "NAME", "SCHEDULE", "MODE", "STORAGE", "KEEP", "LAST-RUN", "LAST-STATUS", "NEXT-RUN", "READY");
        assertThat(PrinterColumns.headers(CRDS.byKind("TalosNodeVM"), true))
                .containsExactly("NAME", "VMID", "NODE", "STATE", "IP", "K8S-READY", "READY", "REASON", "AGE");
    }

    @Test
    void healthyProxmoxCluster() {
        assertThat(row("proxmoxcluster-homelab.yaml", true))
                .containsExactly(
                        "homelab",
                        "homelab-pve",
                        "8.3.2",
                        "true",
                        "3/3",
                        "HEALTH_OK",
                        "True",
                        "Reconciled",
                        "AsExpected",
                        "3d");
    }

    @Test
    void cephPoolShowsReadyNotTheFirstCondition() {
        assertThat(row("cephpool-backups.yaml", true))
                .containsExactly("backups", "backups", "2", "1", "64", "12.5", "True", "Reconciled", "3d");
    }

    @Test
    void runningTalosNodeVm() {
        assertThat(row("talosnodevm-talos-k8s-01.yaml", false))
                .containsExactly("talos-k8s-01", "101", "pve-ms01-01", "Running", "10.8.16.20", "true", "True", "3d");
    }

    @Test
    void waitingTalosNodeVmShowsItsReasonAndNothingObserved() {
        assertThat(row("talosnodevm-talos-k8s-02-waiting.yaml", true))
                .containsExactly(
                        "talos-k8s-02",
                        "<none>",
                        "<none>",
                        "<none>",
                        "<none>",
                        "<none>",
                        "False",
                        "ClusterNotFound",
                        "4m30s");
    }

    @Test
    void backupPolicyShowsDefaultedModeAndTheLastRun() {
        assertThat(row("backuppolicy-daily-production.yaml", true))
                .containsExactly(
                        "daily-production",
                        "02:00",
                        "snapshot",
                        "backups",
                        "keep-daily=7",
                        "8h",
                        "OK",
                        "2025-11-05T02:00:00+01:00",
                        "True",
                        "Reconciled");
    }

    @Test
    void examplesWithoutStatusShowTheirSpecColumnsAndNoneElsewhere() {
        var weekly = ExampleManifests.customResources(CRDS).stream()
                .filter(m -> m.name().equals("weekly-all"))
                .findFirst()
                .orElseThrow();
        ObjectNode object = SchemaDefaults.apply(CRDS.byKind("BackupPolicy").schema(), weekly.object());
        assertThat(PrinterColumns.row(CRDS.byKind("BackupPolicy"), object, NOW, false))
                .containsExactly(
                        "weekly-all",
                        "sun 03:00",
                        "stop",
                        "nfs-external",
                        "<none>",
                        "<none>",
                        "<none>",
                        "<none>",
                        "<none>");
    }

    @Test
    void everyColumnOfEveryKindShowsAValueOnTheStatusFixtures() {
        List<String> fixtures = List.of(
                "proxmoxcluster-homelab.yaml",
                "cephpool-backups.yaml",
                "talosnodevm-talos-k8s-01.yaml",
                "backuppolicy-daily-production.yaml");
        for (String fixture : fixtures) {
            assertThat(row(fixture, true)).as(fixture).doesNotContain(PrinterColumns.NONE);
        }
        assertThat(fixtures.stream().map(f -> stored(f).path("kind").asText()))
                .containsExactlyInAnyOrder("ProxmoxCluster", "CephPool", "TalosNodeVM", "BackupPolicy");
    }
}
