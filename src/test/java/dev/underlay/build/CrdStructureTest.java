package dev.underlay.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import dev.underlay.api.schema.CrdCatalog;
import dev.underlay.api.schema.Yaml;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Properties of the committed CRDs that the generator alone would not guarantee. */
class CrdStructureTest {

    private static final List<JsonNode> CRDS = SyncManifests.yamlFiles(SyncManifests.CRDS).stream()
            .map(Path::toFile)
            .map(f -> (JsonNode) Yaml.documents(f.toPath()).get(0))
            .toList();

    @Test
    void everyKindIsNamespacedWithShortNameCategoryStatusAndLabel() {
        assertThat(CRDS).hasSize(4).allSatisfy(crd -> {
            JsonNode spec = crd.path("spec");
            assertThat(spec.path("group").asText()).isEqualTo("underlay.dev");
            assertThat(spec.path("scope").asText()).isEqualTo("Namespaced");
            assertThat(spec.path("names").path("shortNames")).hasSize(1);
            assertThat(spec.path("names").path("categories").toString()).isEqualTo("[\"underlay\"]");
            assertThat(spec.path("versions")).hasSize(1);
            JsonNode version = spec.path("versions").get(0);
            assertThat(version.path("name").asText()).isEqualTo("v1alpha1");
            assertThat(version.path("served").asBoolean()).isTrue();
            assertThat(version.path("storage").asBoolean()).isTrue();
            assertThat(version.path("subresources").has("status")).isTrue();
            assertThat(version.path("schema")
                            .path("openAPIV3Schema")
                            .path("required")
                            .toString())
                    .isEqualTo("[\"spec\"]");
            assertThat(crd.path("metadata")
                            .path("labels")
                            .path("app.kubernetes.io/part-of")
                            .asText())
                    .isEqualTo("underlay");
        });
    }

    @Test
    void everyKindLetsTheUserChooseManagementAndDeletion() {
        assertThat(CRDS).allSatisfy(crd -> {
            JsonNode spec = crd.path("spec")
                    .path("versions")
                    .get(0)
                    .path("schema")
                    .path("openAPIV3Schema")
                    .path("properties")
                    .path("spec");
            assertThat(spec.path("properties")
                            .path("managementPolicy")
                            .path("default")
                            .asText())
                    .isEqualTo("Manage");
            assertThat(spec.path("properties")
                            .path("deletionPolicy")
                            .path("default")
                            .asText())
                    .isEqualTo("Retain");
        });
    }

    @Test
    void everyFieldIsDescribed() {
        List<String> undescribed = new ArrayList<>();
        for (JsonNode crd : CRDS) {
            JsonNode root =
                    crd.path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema");
            String kind = crd.path("spec").path("names").path("kind").asText();
            for (String part : List.of("spec", "status")) {
                collectUndescribed(root.path("properties").path(part), kind + "." + part, undescribed);
            }
        }
        assertThat(undescribed).isEmpty();
    }

    /** Every property at every depth, label selectors and list items included. */
    private static void collectUndescribed(JsonNode schema, String path, List<String> undescribed) {
        for (Iterator<Map.Entry<String, JsonNode>> it =
                        schema.path("properties").fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            String propertyPath = path + "." + property.getKey();
            if (property.getValue().path("description").asText().isBlank()) {
                undescribed.add(propertyPath);
            }
            JsonNode next =
                    property.getValue().has("items") ? property.getValue().get("items") : property.getValue();
            collectUndescribed(next, propertyPath, undescribed);
        }
    }

    @Test
    void everyPatternCompilesOnRe2AndEveryRuleAppearsOncePerNode() {
        List<String> problems = new ArrayList<>();
        for (JsonNode crd : CRDS) {
            walk(crd.path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema"), "", problems);
        }
        assertThat(problems).isEmpty();
    }

    private static void walk(JsonNode schema, String path, List<String> problems) {
        if (schema.has("pattern")) {
            try {
                Pattern.compile(schema.get("pattern").asText());
            } catch (RuntimeException e) {
                problems.add(path + ": pattern is not RE2: " + e.getMessage());
            }
        }
        Set<JsonNode> rules = new HashSet<>();
        schema.path("x-kubernetes-validations").forEach(rule -> {
            if (!rules.add(rule)) {
                problems.add(path + ": repeated rule " + rule);
            }
        });
        if ("map".equals(schema.path("x-kubernetes-list-type").asText())) {
            List<String> required = new ArrayList<>();
            schema.path("items").path("required").forEach(r -> required.add(r.asText()));
            schema.path("x-kubernetes-list-map-keys").forEach(key -> {
                if (!required.contains(key.asText())) {
                    problems.add(path + ": map key " + key.asText() + " is not required");
                }
            });
        }
        schema.path("properties").fields().forEachRemaining(p -> walk(p.getValue(), path + "." + p.getKey(), problems));
        if (schema.has("items")) {
            walk(schema.get("items"), path + "[]", problems);
        }
    }

    @Test
    void theCatalogTheSchemaTestsUseIsTheCommittedCrds() {
        assertThat(CrdCatalog.deployed().all().stream().map(CrdCatalog.Crd::kind))
                .containsExactlyInAnyOrder("ProxmoxCluster", "CephPool", "TalosNodeVM", "BackupPolicy");
    }
}
