package dev.underlay.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.underlay.api.schema.ApiServerValidation;
import dev.underlay.api.schema.CrFixture;
import dev.underlay.api.schema.CrdCatalog;
import dev.underlay.api.schema.ExampleManifests;
import dev.underlay.api.schema.SchemaDefaults;
import dev.underlay.api.schema.Yaml;
import dev.underlay.api.v1alpha1.backuppolicy.BackupPolicy;
import dev.underlay.api.v1alpha1.cephpool.CephPool;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.api.v1alpha1.talosnodevm.TalosNodeVM;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java types read every example and fixture, and their compact-constructor defaults are exactly the schema
 * defaults: a spec read into Java and written back equals the same spec after the API server's defaulting. A default
 * added on one side only fails here.
 */
class CrSerializationTest {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final CrdCatalog CRDS = CrdCatalog.deployed();
    private static final Map<String, Class<? extends CustomResource<?, ?>>> TYPES = Map.of(
            "ProxmoxCluster",
            ProxmoxCluster.class,
            "CephPool",
            CephPool.class,
            "TalosNodeVM",
            TalosNodeVM.class,
            "BackupPolicy",
            BackupPolicy.class);

    /** Only the required fields of each kind, so that every top-level default applies. */
    private static final String MINIMAL = """
            apiVersion: underlay.dev/v1alpha1
            kind: ProxmoxCluster
            metadata: {name: minimal}
            spec: {endpoints: ["https://pve:8006"], credentialsSecretRef: {name: token}}
            ---
            apiVersion: underlay.dev/v1alpha1
            kind: CephPool
            metadata: {name: minimal}
            spec: {clusterRef: {name: homelab}, proxmoxStorage: {name: minimal}}
            ---
            apiVersion: underlay.dev/v1alpha1
            kind: TalosNodeVM
            metadata: {name: minimal}
            spec:
              clusterRef: {name: homelab}
              node: pve-ms01-01
              role: worker
              memoryMiB: 4096
              disks: [{slot: scsi0, storage: vm-disks, sizeGiB: 20}]
              networks: [{slot: net0}]
              boot: {cloneFrom: {vmid: 9000}}
              ha: {group: production}
              guestAgent: {}
            ---
            apiVersion: underlay.dev/v1alpha1
            kind: BackupPolicy
            metadata: {name: minimal}
            spec:
              clusterRef: {name: homelab}
              schedule: daily
              selector: {all: true}
              storage: backups
              retention: {keepLast: 3}
              restoreTest: {schedule: monthly, targetNode: pve-ms01-02, targetStorage: vm-disks}
            """;

    private static List<ObjectNode> specCorpus() {
        List<ObjectNode> objects = new ArrayList<>(Yaml.documents(MINIMAL));
        ExampleManifests.customResources(CRDS).forEach(m -> objects.add(m.object()));
        CrFixture.in("valid").forEach(f -> objects.add(f.object()));
        return objects;
    }

    @TestFactory
    Stream<DynamicTest> javaDefaultsEqualSchemaDefaults() {
        return specCorpus().stream()
                .map(object -> DynamicTest.dynamicTest(
                        object.path("kind").asText() + "/"
                                + object.path("metadata").path("name").asText(),
                        () -> {
                            CustomResource<?, ?> resource = SERIALIZATION.convertValue(
                                    object, TYPES.get(object.path("kind").asText()));
                            JsonNode javaView = SERIALIZATION.convertValue(resource.getSpec(), JsonNode.class);
                            JsonNode apiServerView = SchemaDefaults.apply(
                                            CRDS.byKind(object.path("kind").asText())
                                                    .schema(),
                                            object)
                                    .get("spec");
                            assertThat(canonical(javaView)).isEqualTo(canonical(apiServerView));
                        }));
    }

    /** The API server refuses a CRD whose defaults do not validate; the minimal objects get nearly all of them. */
    @TestFactory
    Stream<DynamicTest> minimalObjectsWithAllTheirDefaultsAreValid() {
        ApiServerValidation apiServer = new ApiServerValidation(CRDS);
        return Yaml.documents(MINIMAL).stream()
                .map(object -> DynamicTest.dynamicTest(
                        object.path("kind").asText(),
                        () -> assertThat(apiServer.create(object).violations()).isEmpty()));
    }

    @TestFactory
    Stream<DynamicTest> statusFixturesRoundTripThroughTheJavaTypes() throws IOException {
        try (Stream<Path> files = Files.list(CrFixture.ROOT.resolve("status"))) {
            return files.sorted().toList().stream()
                    .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                        ObjectNode object = Yaml.documents(file).get(0);
                        CustomResource<?, ?> resource = SERIALIZATION.convertValue(
                                object, TYPES.get(object.path("kind").asText()));
                        assertThat(resource.getStatus()).isNotNull();
                        JsonNode written = SERIALIZATION.convertValue(resource.getStatus(), JsonNode.class);
                        assertThat(canonical(withoutEmptyLists(written)))
                                .isEqualTo(canonical(withoutEmptyLists(object.get("status"))));
                    }));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @TestFactory
    Stream<DynamicTest> examplesReadIntoTheirJavaTypes() {
        return ExampleManifests.customResources(CRDS).stream()
                .map(m -> DynamicTest.dynamicTest(m.toString(), () -> {
                    CustomResource<?, ?> resource = SERIALIZATION.convertValue(m.object(), TYPES.get(m.kind()));
                    assertThat(resource.getMetadata().getName()).isEqualTo(m.name());
                    assertThat(resource.getSpec()).isNotNull();
                    assertThat(resource.getApiVersion()).isEqualTo("underlay.dev/v1alpha1");
                }));
    }

    /** Reads the tree back from its text, so that 1 as an int and 1 as a long compare equal. */
    private static JsonNode canonical(JsonNode node) {
        try {
            return Yaml.MAPPER.readTree(node.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Status classes start their lists empty; the API server stores what was written. Both mean "none". */
    private static JsonNode withoutEmptyLists(JsonNode node) {
        JsonNode copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                JsonNode value = it.next().getValue();
                if (value.isArray() && value.isEmpty()) {
                    it.remove();
                } else {
                    strip(value);
                }
            }
        } else if (node.isArray()) {
            ((ArrayNode) node).forEach(CrSerializationTest::strip);
        }
    }
}
