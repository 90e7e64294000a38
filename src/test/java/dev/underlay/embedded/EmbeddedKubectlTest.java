package dev.underlay.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import dev.underlay.testing.ExternalTools;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A kubectl against the embedded API server with the project's CRDs: what a newcomer types after
 * {@code ./mvnw quarkus:dev}. Each subclass runs the same checks with one kubectl: the one on the PATH, and
 * Debian 12's 1.20, which reads OpenAPI v2 where current versions read v3. Skipped when that kubectl is missing,
 * except where {@code UNDERLAY_IT_STRICT=true} (CI), where a missing kubectl fails the test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EmbeddedKubectlTest {

    private static final Path MANIFESTS = Path.of("src/test/resources/embedded/manifests");
    private static final Path VM_CRD = Path.of("deploy/crds/talosnodevms.underlay.dev-v1.yml");

    /** Manifests the tests write and kubectl's cache, one per class (a field would be per test). */
    Path work;

    EmbeddedKubernetesServer server;
    KubernetesClient client;
    Kubectl kubectl;

    /** {@code kubectl} for the one on the PATH, or a path. */
    abstract String kubectlExecutable();

    @BeforeAll
    void startServer(@TempDir Path work) throws Exception {
        ExternalTools.require(kubectlExecutable(), "run .ci/install-deps");
        this.work = work;
        server = EmbeddedKubernetesServer.start(0);
        server.applyAll(ManifestReader.readDirectory(Path.of("deploy/crds")));
        kubectl = new Kubectl(kubectlExecutable(), server.writeKubeconfig(work.resolve("kubeconfig")), work);
        client = new KubernetesClientBuilder().withConfig(server.clientConfig()).build();
    }

    @AfterAll
    void stopServer() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void appliesCustomResourcesAndASecret() throws Exception {
        Kubectl.Result result = kubectl.run("apply", "-n", "apply", "-f", MANIFESTS.toString());

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.lines())
                .containsExactly(
                        "secret/pve-api-token created",
                        "proxmoxcluster.underlay.dev/homelab created",
                        "talosnodevm.underlay.dev/talos-cp-01 created",
                        "talosnodevm.underlay.dev/talos-cp-02 created");
        assertThat(vm("apply", "talos-cp-01")
                        .get()
                        .getAdditionalProperties()
                        .get("spec")
                        .toString())
                .contains("vmid=101");
    }

    @Test
    void reapplyingAChangedManifestReplacesItsListsAndCreateWorksWithoutValidateFalse() throws Exception {
        applyManifests("reapply");
        Path changed = work.resolve("pxc-changed.yaml");
        Files.writeString(
                changed,
                Files.readString(MANIFESTS.resolve("20-proxmoxcluster.yaml"))
                        .replace("https://10.8.16.10:8006", "https://10.8.16.11:8006"));
        Path configMap = work.resolve("cm.yaml");
        Files.writeString(configMap, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {a: b}\n");

        Kubectl.Result reapplied = ok(kubectl.run("apply", "-n", "reapply", "-f", changed.toString()));
        Kubectl.Result created = ok(kubectl.run("create", "-n", "reapply", "-f", configMap.toString()));

        assertThat(reapplied.lines()).containsExactly("proxmoxcluster.underlay.dev/homelab configured");
        assertThat(ok(kubectl.run("get", "pxc", "homelab", "-n", "reapply", "-o", "jsonpath={.spec.endpoints}"))
                        .stdout())
                .isEqualTo("[\"https://10.8.16.11:8006\"]");
        assertThat(created.lines()).containsExactly("configmap/settings created");
    }

    @Test
    void getPrintsTheCrdPrinterColumnsWithTheStatusSetThroughTheApi() throws Exception {
        applyManifests("columns");
        setStatus("columns", "talos-cp-01", """
                {"status": {"vmid": 101, "node": "pve-ms01-01", "powerState": "Running",
                            "ipAddresses": ["10.8.16.21", "10.8.28.21"], "kubernetesNodeReady": true,
                            "conditions": [{"type": "Ready", "status": "False", "reason": "ClusterNotFound",
                                            "message": "ProxmoxCluster columns/homelab not found"}]}}""");

        PrintedTable table = PrintedTable.parse(
                ok(kubectl.run("get", "tnvm", "-n", "columns")).lines());

        assertThat(table.headers()).isEqualTo(expectedHeaders(false));
        assertThat(table.rows()).extracting(r -> r.get("NAME")).containsExactly("talos-cp-01", "talos-cp-02");
        Map<String, String> withStatus = table.row("talos-cp-01");
        assertThat(withStatus)
                .containsEntry("VMID", "101")
                .containsEntry("NODE", "pve-ms01-01")
                .containsEntry("STATE", "Running")
                .containsEntry("IP", "10.8.16.21")
                .containsEntry("K8S-READY", "true")
                .containsEntry("READY", "False");
        assertThat(withStatus.get("AGE")).matches("\\d+s");
        Map<String, String> withoutStatus = table.row("talos-cp-02");
        assertThat(withoutStatus)
                .containsEntry("VMID", "")
                .containsEntry("NODE", "")
                .containsEntry("STATE", "")
                .containsEntry("IP", "")
                .containsEntry("K8S-READY", "")
                .containsEntry("READY", "");
        assertThat(withoutStatus.get("AGE")).matches("\\d+s");
    }

    @Test
    void getWideAddsThePriorityColumns() throws Exception {
        applyManifests("wide");
        setStatus("wide", "talos-cp-01", """
                {"status": {"conditions": [{"type": "Ready", "status": "False", "reason": "ClusterNotFound"}]}}""");

        PrintedTable table = PrintedTable.parse(ok(kubectl.run("get", "talosnodevms", "-n", "wide", "-o", "wide"))
                .lines());

        assertThat(table.headers()).isEqualTo(expectedHeaders(true));
        assertThat(table.headers()).hasSizeGreaterThan(expectedHeaders(false).size());
        assertThat(table.row("talos-cp-01"))
                .containsEntry("REASON", "ClusterNotFound")
                .containsEntry("READY", "False");
        assertThat(table.row("talos-cp-02")).containsEntry("REASON", "");
    }

    @Test
    void getOfSeveralKindsPrefixesNamesWithTheKind() throws Exception {
        applyManifests("several");

        List<String> lines = ok(kubectl.run("get", "pxc,tnvm", "-n", "several")).lines();

        int blank = lines.indexOf("");
        PrintedTable clusters = PrintedTable.parse(lines.subList(0, blank));
        PrintedTable vms = PrintedTable.parse(lines.subList(blank + 1, lines.size()));
        assertThat(clusters.rows())
                .extracting(r -> r.get("NAME"))
                .containsExactly("proxmoxcluster.underlay.dev/homelab");
        assertThat(vms.rows())
                .extracting(r -> r.get("NAME"))
                .containsExactly("talosnodevm.underlay.dev/talos-cp-01", "talosnodevm.underlay.dev/talos-cp-02");
    }

    @Test
    void describeShowsTheObjectAndOnlyItsEvents() throws Exception {
        applyManifests("describe");
        GenericKubernetesResource vm = vm("describe", "talos-cp-01").get();
        recordEvent(vm, "e1", "ClusterNotFound", "ProxmoxCluster describe/homelab not found");
        recordEvent(vm("describe", "talos-cp-02").get(), "e2", "VMLocked", "VM 102 is locked (backup)");

        List<String> lines = ok(kubectl.run("describe", "tnvm", "talos-cp-01", "-n", "describe"))
                .lines();

        assertThat(lines)
                .contains(
                        "Name:         talos-cp-01",
                        "Namespace:    describe",
                        "Kind:         TalosNodeVM",
                        "API Version:  underlay.dev/v1alpha1");
        List<String> events = lines.subList(lines.indexOf("Events:") + 1, lines.size()).stream()
                .map(String::trim)
                .toList();
        PrintedTable eventTable = PrintedTable.parse(
                events.stream().filter(l -> !l.startsWith("----")).toList());
        assertThat(eventTable.headers()).containsExactly("Type", "Reason", "Age", "From", "Message");
        assertThat(eventTable.rows()).hasSize(1);
        assertThat(eventTable.rows().get(0))
                .containsEntry("Type", "Warning")
                .containsEntry("Reason", "ClusterNotFound")
                .containsEntry("From", "underlay")
                .containsEntry("Message", "ProxmoxCluster describe/homelab not found");
    }

    @Test
    void deleteRemovesTheObject() throws Exception {
        applyManifests("delete");

        Kubectl.Result deleted = ok(kubectl.run("delete", "tnvm", "talos-cp-02", "-n", "delete"));
        Kubectl.Result gone = kubectl.run("get", "tnvm", "talos-cp-02", "-n", "delete");

        assertThat(deleted.lines()).containsExactly("talosnodevm.underlay.dev \"talos-cp-02\" deleted");
        assertThat(gone.exitCode()).isEqualTo(1);
        assertThat(gone.stderr().trim())
                .isEqualTo("Error from server (NotFound): talosnodevms.underlay.dev \"talos-cp-02\" not found");
    }

    @Test
    void deleteWaitsThroughAWatchUntilTheFinalizerIsReleased() throws Exception {
        applyManifests("finalize");
        vm("finalize", "talos-cp-01")
                .patch(
                        PatchContext.of(PatchType.JSON_MERGE),
                        "{\"metadata\":{\"finalizers\":[\"underlay.dev/cleanup\"]}}");
        int watchesBefore = server.openHttpWatches();

        Process delete = kubectl.start("delete", "tnvm", "talos-cp-01", "-n", "finalize", "--timeout=60s");
        awaitWatch(delete, watchesBefore);
        vm("finalize", "talos-cp-01")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"finalizers\":null}}");

        await().atMost(Duration.ofSeconds(30)).until(() -> !delete.isAlive());
        Kubectl.Result result = Kubectl.result(delete);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.lines()).containsExactly("talosnodevm.underlay.dev \"talos-cp-01\" deleted");
        assertThat(vm("finalize", "talos-cp-01").get()).isNull();
    }

    @Test
    void waitReturnsWhenAWatchedConditionIsMet() throws Exception {
        applyManifests("wait");
        int watchesBefore = server.openHttpWatches();

        // a condition rather than --for=jsonpath, which kubectl has only since 1.23
        Process wait =
                kubectl.start("wait", "--for=condition=Ready", "tnvm/talos-cp-01", "-n", "wait", "--timeout=60s");
        awaitWatch(wait, watchesBefore);
        setStatus("wait", "talos-cp-01", """
                {"status": {"conditions": [{"type": "Ready", "status": "True", "reason": "Running",
                                            "lastTransitionTime": "2030-01-01T00:00:00Z"}]}}""");

        await().atMost(Duration.ofSeconds(30)).until(() -> !wait.isAlive());
        Kubectl.Result result = Kubectl.result(wait);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.lines()).containsExactly("talosnodevm.underlay.dev/talos-cp-01 condition met");
    }

    @Test
    void getWatchPrintsAChangedRowWithItsColumns() throws Exception {
        applyManifests("watch");
        setStatus("watch", "talos-cp-01", "{\"status\":{\"vmid\":101,\"powerState\":\"Running\"}}");
        int watchesBefore = server.openHttpWatches();

        Process watch = kubectl.start("get", "tnvm", "talos-cp-01", "-n", "watch", "-w");
        try {
            awaitWatch(watch, watchesBefore);
            setStatus("watch", "talos-cp-01", "{\"status\":{\"powerState\":\"Stopped\"}}");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> Kubectl.stdoutSoFar(watch)
                                    .lines()
                                    .filter(l -> !l.isBlank())
                                    .count()
                            >= 3);
            PrintedTable printed =
                    PrintedTable.parse(Kubectl.stdoutSoFar(watch).lines().toList());
            assertThat(printed.headers()).isEqualTo(expectedHeaders(false));
            assertThat(printed.rows()).extracting(r -> r.get("NAME")).containsExactly("talos-cp-01", "talos-cp-01");
            assertThat(printed.rows()).extracting(r -> r.get("STATE")).containsExactly("Running", "Stopped");
            assertThat(printed.rows()).extracting(r -> r.get("VMID")).containsExactly("101", "101");
        } finally {
            watch.destroyForcibly().waitFor();
        }
    }

    @Test
    void apiResourcesListsTheKindsWithTheirShortNames() throws Exception {
        PrintedTable table = PrintedTable.parse(
                ok(kubectl.run("api-resources", "--api-group=underlay.dev")).lines());

        assertThat(table.headers()).containsExactly("NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND");
        assertThat(table.rows())
                .containsExactlyInAnyOrder(
                        resourceRow("backuppolicies", "bkp", "BackupPolicy"),
                        resourceRow("cephpools", "cpool", "CephPool"),
                        resourceRow("proxmoxclusters", "pxc", "ProxmoxCluster"),
                        resourceRow("talosnodevms", "tnvm", "TalosNodeVM"));
    }

    @Test
    void explainShowsTheFieldsOfACustomKindWithTheirDescriptions() throws Exception {
        JsonNode declared = ManifestReader.readFile(VM_CRD)
                .get(0)
                .path("spec")
                .path("versions")
                .get(0)
                .path("schema")
                .path("openAPIV3Schema")
                .path("properties")
                .path("spec")
                .path("properties");

        List<String> lines = ok(kubectl.run("explain", "tnvm.spec")).lines().stream()
                .map(String::trim)
                .toList();

        List<String> fields = new ArrayList<>();
        declared.fieldNames().forEachRemaining(fields::add);
        assertThat(lines.stream().filter(l -> l.matches("\\w+\t<.*")).map(l -> l.substring(0, l.indexOf('\t'))))
                .containsExactlyElementsOf(fields);
        assertThat(lines).contains("adopt\t<boolean>", "boot\t<Object> -required-");
        // kubectl wraps long descriptions; short ones stand on a line of their own
        for (String field : fields) {
            String description = declared.path(field).path("description").asText();
            if (description.length() <= 60) {
                assertThat(lines).as(field).contains(description);
            }
        }
    }

    private static Map<String, String> resourceRow(String name, String shortName, String kind) {
        return Map.of(
                "NAME",
                name,
                "SHORTNAMES",
                shortName,
                "APIVERSION",
                "underlay.dev/v1alpha1",
                "NAMESPACED",
                "true",
                "KIND",
                kind);
    }

    /** NAME, then the CRD's printer columns in CRD order, upper-cased as kubectl prints them. */
    private static List<String> expectedHeaders(boolean wide) {
        JsonNode columns = ManifestReader.readFile(VM_CRD)
                .get(0)
                .path("spec")
                .path("versions")
                .get(0)
                .path("additionalPrinterColumns");
        List<String> headers = new ArrayList<>(List.of("NAME"));
        for (JsonNode column : columns) {
            if (wide || column.path("priority").asInt(0) == 0) {
                headers.add(column.path("name").asText().toUpperCase(Locale.ROOT));
            }
        }
        return headers;
    }

    private void applyManifests(String namespace) throws Exception {
        ok(kubectl.run("apply", "-n", namespace, "-f", MANIFESTS.toString()));
    }

    Resource<GenericKubernetesResource> vm(String namespace, String name) {
        return client.genericKubernetesResources("underlay.dev/v1alpha1", "TalosNodeVM")
                .inNamespace(namespace)
                .withName(name);
    }

    private void setStatus(String namespace, String name, String statusPatch) {
        vm(namespace, name).subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), statusPatch);
    }

    private void recordEvent(GenericKubernetesResource vm, String name, String reason, String message) {
        Instant now = Instant.now();
        client.v1()
                .events()
                .inNamespace(vm.getMetadata().getNamespace())
                .resource(new EventBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withNamespace(vm.getMetadata().getNamespace())
                        .endMetadata()
                        .withInvolvedObject(new ObjectReferenceBuilder()
                                .withApiVersion(vm.getApiVersion())
                                .withKind(vm.getKind())
                                .withName(vm.getMetadata().getName())
                                .withNamespace(vm.getMetadata().getNamespace())
                                .withUid(vm.getMetadata().getUid())
                                .build())
                        .withType("Warning")
                        .withReason(reason)
                        .withMessage(message)
                        .withNewSource()
                        .withComponent("underlay")
                        .endSource()
                        .withFirstTimestamp(now.toString())
                        .withLastTimestamp(now.toString())
                        .withCount(1)
                        .build())
                .create();
    }

    /** Until kubectl has opened its watch, or has given up without one (then failing with what it said). */
    private void awaitWatch(Process kubectlProcess, int watchesBefore) throws Exception {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> server.openHttpWatches() > watchesBefore || !kubectlProcess.isAlive());
        assertThat(kubectlProcess.isAlive())
                .as("kubectl exited without watching: %s", Kubectl.stderrSoFar(kubectlProcess))
                .isTrue();
    }

    private static Kubectl.Result ok(Kubectl.Result result) {
        assertThat(result.exitCode()).as("kubectl failed: %s", result.stderr()).isZero();
        return result;
    }
}
