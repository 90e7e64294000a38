package dev.underlay.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ApiServerDispatcherTest {

    private static final String CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
    private static final String VMS = "/apis/underlay.dev/v1alpha1/namespaces/default/talosnodevms";
    private static final String TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io,"
            + "application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

    private ApiServerDispatcher dispatcher;

    @BeforeEach
    void setUp() {
        dispatcher = new ApiServerDispatcher(
                new KubernetesCrudDispatcher(List.of()),
                Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void servesVersionAsJson() {
        MockResponse response = get("/version");

        assertThat(response.code()).isEqualTo(200);
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
        assertThat(json(response).path("gitVersion").asText()).isEqualTo(NonResourceEndpoints.KUBERNETES_VERSION);
        assertThat(json(response).path("minor").asText()).isEqualTo("32");
    }

    @Test
    void discoversTheCoreBuiltIns() {
        assertThat(json(get("/api")).path("versions").toString()).isEqualTo("[\"v1\"]");
        JsonNode core = json(get("/api/v1"));
        assertThat(core.path("groupVersion").asText()).isEqualTo("v1");
        assertThat(core.path("resources").findValuesAsText("name"))
                .contains("namespaces", "configmaps", "secrets", "events", "nodes");
        assertThat(resource(core, "namespaces").path("namespaced").asBoolean()).isFalse();
        assertThat(resource(core, "secrets").path("namespaced").asBoolean()).isTrue();
    }

    @Test
    void discoversCrdGroupsFromTheStoreAsSoonAsTheyAreApplied() {
        assertThat(get("/apis/underlay.dev").code()).isEqualTo(404);
        assertThat(get("/apis/underlay.dev/v1alpha1").code()).isEqualTo(404);
        assertThat(json(get("/apis")).path("groups").findValuesAsText("name")).doesNotContain("underlay.dev");

        loadCrds();

        assertThat(json(get("/apis")).path("groups").findValuesAsText("name"))
                .contains("underlay.dev", "apiextensions.k8s.io", "coordination.k8s.io");
        JsonNode group = json(get("/apis/underlay.dev"));
        assertThat(group.path("kind").asText()).isEqualTo("APIGroup");
        assertThat(group.path("preferredVersion").path("groupVersion").asText()).isEqualTo("underlay.dev/v1alpha1");
        JsonNode resources = json(get("/apis/underlay.dev/v1alpha1"));
        assertThat(resources.path("resources").findValuesAsText("name"))
                .containsExactlyInAnyOrder(
                        "proxmoxclusters",
                        "proxmoxclusters/status",
                        "cephpools",
                        "cephpools/status",
                        "talosnodevms",
                        "talosnodevms/status",
                        "backuppolicies",
                        "backuppolicies/status");
        JsonNode vms = resource(resources, "talosnodevms");
        assertThat(vms.path("kind").asText()).isEqualTo("TalosNodeVM");
        assertThat(vms.path("singularName").asText()).isEqualTo("talosnodevm");
        assertThat(vms.path("namespaced").asBoolean()).isTrue();
        assertThat(vms.path("shortNames").toString()).isEqualTo("[\"tnvm\"]");
        assertThat(vms.path("verbs").toString()).contains("\"list\"", "\"watch\"", "\"patch\"");
    }

    @Test
    void advertisesTheCrdCategoriesSoKubectlCanGetAllKindsOfACategory() {
        JsonNode crd = ManifestReader.readFile(Path.of("deploy/crds/cephpools.underlay.dev-v1.yml"))
                .get(0)
                .deepCopy();
        ((ObjectNode) crd.path("spec").path("names"))
                .putArray("categories")
                .add("underlay")
                .add("all");
        send(HttpMethod.POST, CRDS, "application/json", crd.toString());

        JsonNode pools = resource(json(get("/apis/underlay.dev/v1alpha1")), "cephpools");

        assertThat(pools.path("categories").toString()).isEqualTo("[\"underlay\",\"all\"]");
    }

    @Test
    void servesOpenApiV2AsJsonWithADefinitionForEachCustomKind() {
        loadCrds();

        MockResponse response = get("/openapi/v2");

        assertThat(response.code()).isEqualTo(200);
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
        JsonNode doc = json(response);
        assertThat(doc.path("swagger").asText()).isEqualTo("2.0");
        assertThat(doc.path("definitions").fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder(
                        "dev.underlay.v1alpha1.ProxmoxCluster",
                        "dev.underlay.v1alpha1.CephPool",
                        "dev.underlay.v1alpha1.TalosNodeVM",
                        "dev.underlay.v1alpha1.BackupPolicy");
        JsonNode vm = doc.path("definitions").path("dev.underlay.v1alpha1.TalosNodeVM");
        assertThat(vm.path("x-kubernetes-group-version-kind").toString())
                .isEqualTo("[{\"group\":\"underlay.dev\",\"kind\":\"TalosNodeVM\",\"version\":\"v1alpha1\"}]");
        assertThat(vm.path("properties").fieldNames())
                .toIterable()
                .containsExactly("apiVersion", "kind", "metadata", "spec", "status");
        assertThat(vm.path("properties")
                        .path("spec")
                        .path("properties")
                        .path("adopt")
                        .path("description")
                        .asText())
                .isEqualTo("Take over an existing VM with spec.vmid that the operator did not create.");
        assertThat(json(get("/swagger.json"))).isEqualTo(doc);
    }

    @Test
    void servesOpenApiV2AsProtobufWhereKubectlAsksForIt() {
        loadCrds();

        MockResponse response = get("/openapi/v2", "application/com.github.proto-openapi.spec.v2@v1.0+protobuf");
        MockResponse legacy = get("/swagger-2.0.0.pb-v1", "*/*");

        assertThat(response.code()).isEqualTo(200);
        assertThat(response.header("Content-Type"))
                .isEqualTo("application/com.github.proto-openapi.spec.v2.v1.0+protobuf");
        byte[] bytes = response.getBody().getBytes();
        assertThat(legacy.getBody().getBytes()).isEqualTo(bytes);
        ProtobufReader doc = ProtobufReader.parse(bytes);
        assertThat(doc.string(1)).isEqualTo("2.0");
        ProtobufReader vm = doc.message(9).namedMessages(1).get("dev.underlay.v1alpha1.TalosNodeVM");
        assertThat(vm.message(25).namedMessages(1)).containsKeys("apiVersion", "kind", "metadata", "spec", "status");
        assertThat(vm.messages(31).get(0).string(1)).isEqualTo("x-kubernetes-group-version-kind");
    }

    @Test
    void servesAnEmptyOpenApiV2BeforeAnyCrdIsApplied() {
        ProtobufReader doc =
                ProtobufReader.parse(get("/openapi/v2", "application/com.github.proto-openapi.spec.v2@v1.0+protobuf")
                        .getBody()
                        .getBytes());

        assertThat(doc.message(9).fieldNumbers()).isEmpty();
        assertThat(get("/openapi/v2/elsewhere").code()).isEqualTo(404);
    }

    @Test
    void servesOpenApiV3DeclaringServerSideFieldValidationForEveryKind() {
        loadCrds();

        JsonNode root = json(get("/openapi/v3"));
        String vmsUrl = root.path("paths")
                .path("apis/underlay.dev/v1alpha1")
                .path("serverRelativeURL")
                .asText();
        assertThat(root.path("paths").path("api/v1").path("serverRelativeURL").asText())
                .startsWith("/openapi/v3/api/v1?hash=");
        assertThat(vmsUrl).startsWith("/openapi/v3/apis/underlay.dev/v1alpha1?hash=");

        JsonNode doc = json(get(vmsUrl));
        JsonNode patch = doc.path("paths")
                .path("/apis/underlay.dev/v1alpha1/namespaces/{namespace}/talosnodevms/{name}")
                .path("patch");
        assertThat(patch.path("x-kubernetes-group-version-kind").toString())
                .isEqualTo("{\"group\":\"underlay.dev\",\"version\":\"v1alpha1\",\"kind\":\"TalosNodeVM\"}");
        assertThat(patch.path("parameters").get(0).path("name").asText()).isEqualTo("fieldValidation");
        assertThat(patch.path("parameters").get(0).path("in").asText()).isEqualTo("query");
        JsonNode vmSchema = doc.path("components").path("schemas").path("dev.underlay.v1alpha1.TalosNodeVM");
        assertThat(vmSchema.path("x-kubernetes-group-version-kind").toString())
                .isEqualTo("[{\"group\":\"underlay.dev\",\"kind\":\"TalosNodeVM\",\"version\":\"v1alpha1\"}]");
        assertThat(vmSchema.path("properties").path("spec").path("required").toString())
                .contains("\"clusterRef\"");
        assertThat(json(get(root.path("paths")
                                .path("api/v1")
                                .path("serverRelativeURL")
                                .asText()))
                        .path("components")
                        .path("schemas")
                        .isEmpty())
                .isTrue();
        assertThat(get("/openapi/v3/apis/nothing.example/v1").code()).isEqualTo(404);
    }

    @Test
    void replacesListsOnAMergePatchInsteadOfAppending() {
        loadCrds();
        send(HttpMethod.POST, VMS, "application/json", vm("talos-cp-01", 101));
        for (String reason : List.of("ClusterNotFound", "CredentialsSecretMissing", "Provisioning")) {
            patchStatus("talos-cp-01", """
                    {"status": {"conditions": [{"type": "Ready", "status": "False", "reason": "%s"}]}}""".formatted(reason));
        }

        JsonNode conditions = json(get(VMS + "/talos-cp-01")).path("status").path("conditions");

        assertThat(conditions).hasSize(1);
        assertThat(conditions.get(0).path("reason").asText()).isEqualTo("Provisioning");
    }

    @Test
    void removesFieldsSetToNullByAMergePatch() {
        loadCrds();
        send(HttpMethod.POST, VMS, "application/json", vm("talos-cp-01", 101));

        send(HttpMethod.PATCH, VMS + "/talos-cp-01", "application/merge-patch+json", "{\"spec\":{\"vmid\":null}}");

        assertThat(json(get(VMS + "/talos-cp-01")).path("spec").has("vmid")).isFalse();
    }

    @Test
    void foldsSecretStringDataIntoDataOnCreateAndPatch() {
        String secrets = "/api/v1/namespaces/default/secrets";
        send(HttpMethod.POST, secrets, "application/json", """
                {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "pve-api-token"},
                 "data": {"tokenId": "YQ=="}, "stringData": {"tokenSecret": "placeholder"}}""");
        JsonNode created = json(get(secrets + "/pve-api-token"));

        send(
                HttpMethod.PATCH,
                secrets + "/pve-api-token",
                "application/merge-patch+json",
                "{\"stringData\": {\"tokenSecret\": \"changed\"}}");
        JsonNode patched = json(get(secrets + "/pve-api-token"));

        assertThat(created.path("data").path("tokenId").asText()).isEqualTo("YQ==");
        assertThat(created.path("data").path("tokenSecret").asText()).isEqualTo("cGxhY2Vob2xkZXI=");
        assertThat(created.has("stringData")).isFalse();
        assertThat(patched.path("data").path("tokenSecret").asText()).isEqualTo("Y2hhbmdlZA==");
        assertThat(patched.has("stringData")).isFalse();
    }

    @Test
    void answersAServerSideTableBuiltFromThePrinterColumns() {
        loadCrds();
        send(HttpMethod.POST, VMS, "application/json", vm("talos-cp-01", 101));
        patchStatus("talos-cp-01", """
                {"status": {"vmid": 101, "node": "pve-ms01-01", "powerState": "Running",
                            "conditions": [{"type": "Ready", "status": "False", "reason": "ClusterNotFound"}]}}""");

        JsonNode table = json(get(VMS + "/talos-cp-01", TABLE));

        assertThat(table.path("kind").asText()).isEqualTo("Table");
        List<String> columns = table.path("columnDefinitions").findValuesAsText("name");
        int vmid = columns.indexOf("VMID");
        int reason = columns.indexOf("Reason");
        JsonNode cells = table.path("rows").get(0).path("cells");
        assertThat(columns.get(0)).isEqualTo("Name");
        assertThat(cells.get(0).asText()).isEqualTo("talos-cp-01");
        assertThat(cells.get(vmid).asLong()).isEqualTo(101);
        assertThat(cells.get(reason).asText()).isEqualTo("ClusterNotFound");
        assertThat(cells.get(columns.indexOf("IP")).isNull()).isTrue();
    }

    @Test
    void answersPlainJsonWithoutATableAcceptHeader() {
        loadCrds();
        send(HttpMethod.POST, VMS, "application/json", vm("talos-cp-01", 101));

        JsonNode plain = json(get(VMS + "/talos-cp-01", "application/json"));

        assertThat(plain.path("kind").asText()).isEqualTo("TalosNodeVM");
        assertThat(plain.path("spec").path("vmid").asInt()).isEqualTo(101);
    }

    @Test
    void appliesAStatusPatchThatCarriesAQueryString() {
        loadCrds();
        send(HttpMethod.POST, VMS, "application/json", vm("talos-cp-01", 101));

        MockResponse response = send(
                HttpMethod.PATCH,
                VMS + "/talos-cp-01/status?fieldManager=underlay&force=true",
                "application/merge-patch+json",
                "{\"status\":{\"powerState\":\"Stopped\"}}");

        assertThat(response.code()).isBetween(200, 299);
        assertThat(json(get(VMS + "/talos-cp-01"))
                        .path("status")
                        .path("powerState")
                        .asText())
                .isEqualTo("Stopped");
    }

    @Test
    void turnsServerSideApplyIntoACreateThenAMergePatch() {
        loadCrds();
        String applied = """
                apiVersion: underlay.dev/v1alpha1
                kind: TalosNodeVM
                metadata: {name: talos-cp-03, namespace: default}
                spec: {vmid: 103, memoryMiB: 16384}
                """;

        MockResponse created = send(
                HttpMethod.PATCH,
                VMS + "/talos-cp-03?fieldManager=kubectl&force=false",
                "application/apply-patch+yaml",
                applied);
        MockResponse updated = send(
                HttpMethod.PATCH,
                VMS + "/talos-cp-03?fieldManager=kubectl&force=false",
                "application/apply-patch+yaml",
                applied.replace("16384", "32768"));

        assertThat(created.code()).isEqualTo(201);
        assertThat(updated.code()).isBetween(200, 299);
        JsonNode stored = json(get(VMS + "/talos-cp-03"));
        assertThat(stored.path("spec").path("memoryMiB").asInt()).isEqualTo(32768);
        assertThat(stored.path("spec").path("vmid").asInt()).isEqualTo(103);
        assertThat(stored.path("metadata").path("generation").asInt()).isEqualTo(2);
    }

    @Test
    void turnsAStrategicMergePatchIntoAMergePatchWithoutDirectives() {
        String secrets = "/api/v1/namespaces/default/secrets";
        send(HttpMethod.POST, secrets, "application/json", """
                {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "pve-api-token"},
                 "data": {"tokenId": "YQ=="}}""");

        MockResponse response = send(
                HttpMethod.PATCH,
                secrets + "/pve-api-token?fieldManager=kubectl-client-side-apply",
                "application/strategic-merge-patch+json",
                """
                        {"$setElementOrder/finalizers": [], "data": {"tokenSecret": "Yg=="},
                         "metadata": {"annotations": {"note": "x"}, "$retainKeys": ["annotations"]}}""");

        assertThat(response.code()).isBetween(200, 299);
        JsonNode stored = json(get(secrets + "/pve-api-token"));
        assertThat(stored.path("data").path("tokenId").asText()).isEqualTo("YQ==");
        assertThat(stored.path("data").path("tokenSecret").asText()).isEqualTo("Yg==");
        assertThat(stored.path("metadata").path("annotations").path("note").asText())
                .isEqualTo("x");
        assertThat(stored.toString()).doesNotContain("$setElementOrder", "$retainKeys");
    }

    @Test
    void refusesProtobufBodiesAtOnce() {
        MockResponse response =
                send(HttpMethod.POST, "/api/v1/namespaces", "application/vnd.kubernetes.protobuf", "k8s\u0000binary");

        assertThat(response.code()).isEqualTo(415);
        assertThat(json(response).path("reason").asText()).isEqualTo("UnsupportedMediaType");
    }

    @Test
    void refusesDryRunInsteadOfWriting() {
        loadCrds();

        MockResponse response = send(HttpMethod.POST, VMS + "?dryRun=All", "application/json", vm("talos-cp-09", 109));

        assertThat(response.code()).isEqualTo(400);
        assertThat(get(VMS + "/talos-cp-09").code()).isEqualTo(404);
    }

    @Test
    void answersNotFoundWithAStatusNamingTheObject() {
        loadCrds();

        MockResponse response = get(VMS + "/nope");

        assertThat(response.code()).isEqualTo(404);
        assertThat(json(response).path("reason").asText()).isEqualTo("NotFound");
        assertThat(json(response).path("message").asText()).isEqualTo("talosnodevms.underlay.dev \"nope\" not found");
    }

    @Test
    void createsTheNamespaceOfTheFirstObjectPutIntoIt() {
        loadCrds();
        assertThat(get("/api/v1/namespaces/lab").code()).isEqualTo(404);

        send(
                HttpMethod.POST,
                "/apis/underlay.dev/v1alpha1/namespaces/lab/talosnodevms",
                "application/json",
                vm("talos-cp-01", 101).replace("\"default\"", "\"lab\""));

        assertThat(json(get("/api/v1/namespaces/lab")).path("kind").asText()).isEqualTo("Namespace");
    }

    @Test
    void namesListsAfterTheirKindSoTypedClientsCanDecodeThem() {
        JsonNode events = json(get("/api/v1/namespaces/default/events"));

        assertThat(events.path("kind").asText()).isEqualTo("EventList");
        assertThat(events.path("apiVersion").asText()).isEqualTo("v1");
    }

    @Test
    void listsInNameOrder() {
        loadCrds();
        for (String name : List.of("talos-cp-02", "talos-cp-03", "talos-cp-01")) {
            send(HttpMethod.POST, VMS, "application/json", vm(name, 100));
        }
        patchStatus("talos-cp-02", "{\"status\":{\"vmid\":102}}");

        assertThat(json(get(VMS)).path("items").findValuesAsText("name"))
                .containsExactly("talos-cp-01", "talos-cp-02", "talos-cp-03");
    }

    @Test
    void filtersEventsByInvolvedObjectAsKubectlDescribeAsks() {
        String events = "/api/v1/namespaces/default/events";
        send(HttpMethod.POST, events, "application/json", event("e1", "talos-cp-01", "ClusterNotFound"));
        send(HttpMethod.POST, events, "application/json", event("e2", "talos-cp-02", "ClusterNotFound"));
        send(HttpMethod.POST, events, "application/json", event("e3", "talos-cp-01", "CredentialsSecretMissing"));

        JsonNode list = json(get(events + "?fieldSelector=involvedObject.name%3Dtalos-cp-01%2C"
                + "involvedObject.namespace%3Ddefault%2CinvolvedObject.kind%3DTalosNodeVM&limit=500"));
        JsonNode notReason = json(get(events + "?fieldSelector=reason!%3DClusterNotFound"));

        assertThat(list.path("items").findValuesAsText("reason"))
                .containsExactly("ClusterNotFound", "CredentialsSecretMissing");
        assertThat(notReason.path("items").findValuesAsText("reason")).containsExactly("CredentialsSecretMissing");
    }

    @Test
    void printsEventsWithWhatHappened() {
        send(
                HttpMethod.POST,
                "/api/v1/namespaces/default/events",
                "application/json",
                event("e1", "talos-cp-01", "ClusterNotFound"));

        JsonNode table = json(get("/api/v1/namespaces/default/events", TABLE));

        assertThat(table.path("columnDefinitions").findValuesAsText("name"))
                .containsExactly("Name", "Last Seen", "Type", "Reason", "Object", "Message");
        assertThat(table.path("rows").get(0).path("cells").toString())
                .isEqualTo("[\"e1\",\"2d\",\"Warning\",\"ClusterNotFound\",\"talos-cp-01\",\"m\"]");
    }

    @Test
    void allowsEverythingWhenAskedForRulesAsJosdkDoesBeforeLeaderElection() {
        MockResponse rules =
                send(HttpMethod.POST, "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews", "application/json", """
                        {"apiVersion": "authorization.k8s.io/v1", "kind": "SelfSubjectRulesReview",
                         "spec": {"namespace": "default"}}""");
        MockResponse access = send(
                HttpMethod.POST, "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", "application/json", """
                        {"apiVersion": "authorization.k8s.io/v1", "kind": "SelfSubjectAccessReview",
                         "spec": {"resourceAttributes": {"verb": "create", "resource": "leases"}}}""");

        assertThat(rules.code()).isEqualTo(201);
        JsonNode rule = json(rules).path("status").path("resourceRules").get(0);
        assertThat(rule.path("verbs").toString()).isEqualTo("[\"*\"]");
        assertThat(rule.path("apiGroups").toString()).isEqualTo("[\"*\"]");
        assertThat(rule.path("resources").toString()).isEqualTo("[\"*\"]");
        assertThat(json(rules).path("spec").path("namespace").asText()).isEqualTo("default");
        assertThat(json(access).path("status").path("allowed").asBoolean()).isTrue();
    }

    @Test
    void refusesAMalformedFieldSelector() {
        MockResponse response = get("/api/v1/namespaces/default/events?fieldSelector=involvedObject.name");

        assertThat(response.code()).isEqualTo(400);
        assertThat(json(response).path("message").asText()).contains("involvedObject.name");
    }

    @Test
    void answersWithTheFinalObjectWhenRemovingTheLastFinalizerDeletesIt() {
        loadCrds();
        send(HttpMethod.POST, VMS, "application/json", vm("talos-cp-01", 101));
        send(
                HttpMethod.PATCH,
                VMS + "/talos-cp-01",
                "application/merge-patch+json",
                "{\"metadata\":{\"finalizers\":[\"underlay.dev/cleanup\"]}}");
        assertThat(send(HttpMethod.DELETE, VMS + "/talos-cp-01", "application/json", "{}")
                        .code())
                .isEqualTo(200);
        assertThat(json(get(VMS + "/talos-cp-01"))
                        .path("metadata")
                        .path("deletionTimestamp")
                        .asText())
                .isNotEmpty();

        MockResponse released = send(
                HttpMethod.PATCH,
                VMS + "/talos-cp-01",
                "application/merge-patch+json",
                "{\"metadata\":{\"finalizers\":null}}");

        assertThat(released.code()).isEqualTo(200);
        assertThat(json(released).path("metadata").path("name").asText()).isEqualTo("talos-cp-01");
        assertThat(json(released).path("metadata").has("finalizers")).isFalse();
        assertThat(get(VMS + "/talos-cp-01").code()).isEqualTo(404);
    }

    private void loadCrds() {
        for (JsonNode crd : ManifestReader.readDirectory(Path.of("deploy/crds"))) {
            assertThat(send(HttpMethod.POST, CRDS, "application/json", crd.toString())
                            .code())
                    .isEqualTo(201);
        }
    }

    private void patchStatus(String name, String patch) {
        assertThat(send(HttpMethod.PATCH, VMS + "/" + name + "/status", "application/merge-patch+json", patch)
                        .code())
                .isBetween(200, 299);
    }

    private static String vm(String name, int vmid) {
        return """
                {"apiVersion": "underlay.dev/v1alpha1", "kind": "TalosNodeVM",
                 "metadata": {"name": "%s", "namespace": "default"}, "spec": {"vmid": %d}}""".formatted(name, vmid);
    }

    private static String event(String name, String object, String reason) {
        return """
                {"apiVersion": "v1", "kind": "Event", "metadata": {"name": "%s", "namespace": "default"},
                 "involvedObject": {"apiVersion": "underlay.dev/v1alpha1", "kind": "TalosNodeVM", "name": "%s",
                                    "namespace": "default"},
                 "reason": "%s", "message": "m", "type": "Warning", "lastTimestamp": "2029-12-30T00:00:00Z"}""".formatted(name, object, reason);
    }

    private MockResponse get(String path) {
        return get(path, "application/json");
    }

    private MockResponse get(String path, String accept) {
        return dispatcher.dispatch(new RecordedRequest(
                "HTTP/1.1",
                HttpMethod.GET,
                path,
                Headers.builder().add("Accept", accept).build(),
                new Buffer()));
    }

    private MockResponse send(HttpMethod method, String path, String contentType, String body) {
        return dispatcher.dispatch(new RecordedRequest(
                "HTTP/1.1",
                method,
                path,
                Headers.builder().add("Content-Type", contentType).build(),
                new Buffer(body.getBytes(StandardCharsets.UTF_8))));
    }

    private static JsonNode json(MockResponse response) {
        return Json.read(new String(response.getBody().getBytes(), StandardCharsets.UTF_8));
    }

    private static JsonNode resource(JsonNode resourceList, String name) {
        for (JsonNode resource : resourceList.path("resources")) {
            if (resource.path("name").asText().equals(name)) {
                return resource;
            }
        }
        throw new AssertionError("no resource " + name + " in " + resourceList);
    }
}
