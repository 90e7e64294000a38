package dev.underlay.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's examples pointed at the embedded simulator: endpoint, pin and token; nothing else touched. */
class ExamplesOnSimulatorTest {

    private static final String ENDPOINT = "https://127.0.0.1:40123";
    private static final String PIN =
            "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:" + "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";
    private static final String SECRET = "5ee9a4b1-0000-4000-8000-00000000c0de";

    @Test
    void theHomelabExampleIsPointedAtTheSimulatorWithItsCertificatePinned() {
        List<JsonNode> examples = ManifestReader.readDirectory(Path.of("deploy/examples"));
        ExamplesOnSimulator.Rewritten rewritten =
                ExamplesOnSimulator.rewrite(examples, ENDPOINT, PIN, "underlay@pve!operator", SECRET);

        assertThat(rewritten.manifests()).hasSameSizeAs(examples);
        JsonNode cluster = only(rewritten.manifests(), "ProxmoxCluster");
        assertThat(cluster.at("/spec/endpoints").toString()).isEqualTo("[\"" + ENDPOINT + "\"]");
        assertThat(cluster.at("/spec/tls").toString()).isEqualTo("{\"fingerprintSha256\":\"" + PIN + "\"}");
        assertThat(cluster.at("/spec/clusterName").asText()).isEqualTo("homelab-pve");
        assertThat(cluster.at("/spec/haGroups")).hasSize(3);

        JsonNode token = rewritten.manifests().stream()
                .filter(m -> m.at("/metadata/name").asText().equals("pve-api-token"))
                .findFirst()
                .orElseThrow();
        assertThat(token.at("/stringData/tokenId").asText()).isEqualTo("underlay@pve!operator");
        assertThat(token.at("/stringData/tokenSecret").asText()).isEqualTo(SECRET);
        assertThat(rewritten.notes())
                .containsExactly(
                        "ProxmoxCluster default/homelab: endpoints [" + ENDPOINT + "], tls.fingerprintSha256 " + PIN,
                        "Secret default/pve-api-token: API token underlay@pve!operator of the simulator");
        assertThat(String.join("\n", rewritten.notes())).doesNotContain(SECRET);
        assertThat(examples.stream()
                        .filter(m -> m.at("/kind").asText().equals("ProxmoxCluster"))
                        .findFirst()
                        .orElseThrow()
                        .at("/spec/endpoints/0")
                        .asText())
                .as("the input is left alone")
                .isEqualTo("https://10.8.16.10:8006");
    }

    @Test
    void aMissingTokenSecretIsAddedAndDataKeysGiveWayToTheToken() throws Exception {
        List<JsonNode> manifests = ManifestReader.read(new ByteArrayInputStream("""
                apiVersion: underlay.dev/v1alpha1
                kind: ProxmoxCluster
                metadata: {name: lab, namespace: site-a}
                spec:
                  endpoints: [https://10.0.0.1:8006]
                  credentialsSecretRef: {name: lab-token}
                  tls: {caSecretRef: {name: lab-ca}}
                ---
                apiVersion: underlay.dev/v1alpha1
                kind: ProxmoxCluster
                metadata: {name: other}
                spec:
                  endpoints: [https://10.0.0.2:8006]
                  credentialsSecretRef: {name: other-token}
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: other-token}
                data: {tokenId: b2xk, tokenSecret: b2xk, keep: eA==}
                """.getBytes(StandardCharsets.UTF_8)));
        ExamplesOnSimulator.Rewritten rewritten =
                ExamplesOnSimulator.rewrite(manifests, ENDPOINT, PIN, "underlay@pve!operator", SECRET);

        assertThat(rewritten.manifests()).hasSize(4);
        JsonNode added = rewritten.manifests().get(0);
        assertThat(added.at("/kind").asText()).isEqualTo("Secret");
        assertThat(added.at("/metadata/namespace").asText()).isEqualTo("site-a");
        assertThat(added.at("/metadata/name").asText()).isEqualTo("lab-token");
        assertThat(added.at("/stringData/tokenSecret").asText()).isEqualTo(SECRET);
        JsonNode existing = rewritten.manifests().get(3);
        assertThat(existing.at("/data").toString()).isEqualTo("{\"keep\":\"eA==\"}");
        assertThat(existing.at("/stringData/tokenId").asText()).isEqualTo("underlay@pve!operator");
        assertThat(rewritten.manifests().get(1).at("/spec/tls/caSecretRef").isMissingNode())
                .isTrue();
    }

    private static JsonNode only(List<JsonNode> manifests, String kind) {
        List<JsonNode> matching = manifests.stream()
                .filter(m -> m.at("/kind").asText().equals(kind))
                .toList();
        assertThat(matching).hasSize(1);
        return matching.get(0);
    }
}
