package dev.underlay.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.underlay.api.v1alpha1.backuppolicy.BackupPolicy;
import dev.underlay.api.v1alpha1.cephpool.CephPool;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.api.v1alpha1.talosnodevm.TalosNodeVM;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Generates the four CRDs from the API types with the fabric8 generator and {@link UnderlayCrdPostProcessor}. The
 * result is what {@code deploy/crds} must hold, file by file (named as QOSDK and fabric8 name them:
 * {@code <plural>.<group>-v1.yml}).
 */
public final class CrdGeneration {

    /** Every kind Underlay serves, in the order a person meets them. */
    public static final List<Class<? extends HasMetadata>> KINDS =
            List.of(ProxmoxCluster.class, CephPool.class, TalosNodeVM.class, BackupPolicy.class);

    static final String HEADER =
            "# Generated from dev.underlay.api.v1alpha1 by dev.underlay.build.CrdGeneration; do not edit.\n"
                    + "# Refresh with: " + SyncManifests.COMMAND + "\n";

    private CrdGeneration() {}

    /** File name to YAML text, sorted by file name. */
    public static SortedMap<String, String> generate() {
        Map<String, ByteArrayOutputStream> streams = new LinkedHashMap<>();
        CRDGenerator.AbstractCRDOutput<ByteArrayOutputStream> output = new CRDGenerator.AbstractCRDOutput<>() {
            @Override
            protected ByteArrayOutputStream createStreamFor(String crdName) {
                return streams.computeIfAbsent(crdName + ".yml", name -> new ByteArrayOutputStream());
            }
        };
        int written = new CRDGenerator()
                .customResourceClasses(KINDS)
                .forCRDVersions("v1")
                .withPostProcessor(new UnderlayCrdPostProcessor(KINDS))
                .withParallelGenerationEnabled(false)
                .withOutput(output)
                .generate();
        if (written != KINDS.size()) {
            throw new IllegalStateException("expected " + KINDS.size() + " CRDs, the generator wrote " + written);
        }
        SortedMap<String, String> files = new TreeMap<>();
        streams.forEach(
                (name, bytes) -> files.put(name, HEADER + integerBounds(bytes.toString(StandardCharsets.UTF_8))));
        return files;
    }

    /**
     * The generator holds {@code minimum}/{@code maximum} as doubles and writes {@code 9.99999999E8}, which YAML 1.1
     * parsers (PyYAML, SnakeYAML, so Ansible and most Python clients) read as a string, and the API server then
     * rejects the CRD. Whole-number bounds are written as integers, through the same serializer.
     */
    static String integerBounds(String yaml) {
        KubernetesSerialization serialization = new KubernetesSerialization();
        JsonNode tree = serialization.unmarshal(yaml, JsonNode.class);
        wholeNumberBounds(tree);
        return serialization.asYaml(tree);
    }

    private static void wholeNumberBounds(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (String keyword : List.of("minimum", "maximum", "multipleOf")) {
                JsonNode value = object.get(keyword);
                if (value != null
                        && value.isFloatingPointNumber()
                        && value.doubleValue() == Math.rint(value.doubleValue())) {
                    object.put(keyword, (long) value.doubleValue());
                }
            }
        }
        node.forEach(CrdGeneration::wholeNumberBounds);
    }
}
