package dev.underlay.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.underlay.api.schema.ApiServerValidation;
import dev.underlay.api.schema.CrdCatalog;
import dev.underlay.api.schema.ExampleManifests;
import dev.underlay.api.schema.ExampleManifests.Manifest;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every manifest in deploy/examples is something the API server accepts, in an order that applies cleanly. */
class ExamplesTest {

    private static final ApiServerValidation API_SERVER = ApiServerValidation.deployed();
    private static final CrdCatalog CRDS = API_SERVER.crds();

    @TestFactory
    Stream<DynamicTest> everyExampleCustomResourceIsAcceptedOnCreateAndOnUnchangedUpdate() {
        return ExampleManifests.customResources(CRDS).stream()
                .map(manifest -> DynamicTest.dynamicTest(manifest.toString(), () -> {
                    assertThat(API_SERVER.create(manifest.object()).violations())
                            .as("create")
                            .isEmpty();
                    assertThat(API_SERVER
                                    .update(manifest.object(), manifest.object())
                                    .violations())
                            .as("re-apply unchanged")
                            .isEmpty();
                }));
    }

    @Test
    void examplesHoldOnlySecretsAndUnderlayKinds() {
        List<Manifest> all = ExampleManifests.all();
        assertThat(all)
                .allSatisfy(m -> assertThat(m.kind().equals("Secret")
                                || CRDS.serves(m.object().path("apiVersion").asText(), m.kind()))
                        .as(m.toString())
                        .isTrue());
        assertThat(all.stream().map(Manifest::kind).distinct())
                .containsExactlyInAnyOrder("Secret", "ProxmoxCluster", "CephPool", "TalosNodeVM", "BackupPolicy");
    }

    @Test
    void manifestsLeaveTheNamespaceToKubectl() {
        assertThat(ExampleManifests.all())
                .allSatisfy(m -> assertThat(m.object().path("metadata").has("namespace"))
                        .as(m.toString())
                        .isFalse());
    }

    @Test
    void secretsHoldObviousPlaceholdersOnly() {
        List<Manifest> secrets = ExampleManifests.all().stream()
                .filter(m -> m.kind().equals("Secret"))
                .toList();
        assertThat(secrets).hasSize(5);
        for (Manifest secret : secrets) {
            List<String> values = new ArrayList<>();
            secret.object().path("stringData").forEach(v -> values.add(v.asText()));
            secret.object()
                    .path("data")
                    .forEach(v ->
                            values.add(new String(Base64.getDecoder().decode(v.asText()), StandardCharsets.UTF_8)));
            assertThat(values).as(secret.toString()).isNotEmpty().allSatisfy(value -> {
                assertThat(value).contains("REPLACE-ME");
                assertThat(value)
                        .doesNotContainPattern(
                                "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
                assertThat(value).doesNotContain("-----BEGIN");
            });
        }
    }

    /** kubectl applies files in lexical order; every reference must point at something applied before it. */
    @Test
    void referencesPointAtObjectsAppliedEarlier() {
        Set<String> applied = new HashSet<>();
        List<String> dangling = new ArrayList<>();
        for (Manifest manifest : ExampleManifests.all()) {
            JsonNode spec = manifest.object().path("spec");
            List<String> references = new ArrayList<>();
            reference(references, "ProxmoxCluster", spec.path("clusterRef"));
            reference(references, "Secret", spec.path("credentialsSecretRef"));
            reference(references, "Secret", spec.path("tls").path("caSecretRef"));
            reference(references, "Secret", spec.path("talos").path("machineConfigSecretRef"));
            for (String reference : references) {
                if (!applied.contains(reference)) {
                    dangling.add(manifest + " -> " + reference);
                }
            }
            applied.add(manifest.kind() + "/" + manifest.name());
        }
        assertThat(dangling).isEmpty();
        assertThat(applied).contains("ProxmoxCluster/homelab", "Secret/pve-api-token", "Secret/talos-k8s-03");
    }

    private static void reference(List<String> references, String kind, JsonNode ref) {
        if (ref.hasNonNull("name")) {
            references.add(kind + "/" + ref.path("name").asText());
        }
    }
}
