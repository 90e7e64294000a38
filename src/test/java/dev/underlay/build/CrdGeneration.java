package dev.underlay.build;

import dev.underlay.api.v1alpha1.backuppolicy.BackupPolicy;
import dev.underlay.api.v1alpha1.cephpool.CephPool;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.api.v1alpha1.talosnodevm.TalosNodeVM;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.kubernetes.api.model.HasMetadata;

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
        streams.forEach((name, bytes) -> files.put(name, HEADER + bytes.toString(StandardCharsets.UTF_8)));
        return files;
    }
}
