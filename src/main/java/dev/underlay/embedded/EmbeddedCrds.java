package dev.underlay.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import dev.underlay.api.v1alpha1.backuppolicy.BackupPolicy;
import dev.underlay.api.v1alpha1.cephpool.CephPool;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.api.v1alpha1.talosnodevm.TalosNodeVM;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the embedded server's CRDs come from: {@code deploy/crds} when run from the project, else the copies the
 * build puts into the jar under {@value #CLASSPATH_DIR} (a jar cannot list a directory, so the file names are
 * derived from the API kinds, the way the CRD generator names them).
 */
record EmbeddedCrds(String source, List<JsonNode> manifests) {

    static final String CLASSPATH_DIR = "underlay/crds";
    static final List<Class<? extends HasMetadata>> KINDS =
            List.of(ProxmoxCluster.class, CephPool.class, TalosNodeVM.class, BackupPolicy.class);

    static EmbeddedCrds load(Path directory) {
        if (Files.isDirectory(directory)) {
            return new EmbeddedCrds(directory.toAbsolutePath().toString(), ManifestReader.readDirectory(directory));
        }
        List<JsonNode> manifests = new ArrayList<>();
        for (String file : fileNames()) {
            String resource = CLASSPATH_DIR + "/" + file;
            try (InputStream in = EmbeddedCrds.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("CRD " + resource + " is not on the classpath and " + directory
                            + " does not exist; run from the project directory or rebuild the jar");
                }
                manifests.addAll(ManifestReader.read(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new EmbeddedCrds("classpath:" + CLASSPATH_DIR, manifests);
    }

    static List<String> fileNames() {
        return KINDS.stream()
                .map(kind -> HasMetadata.getFullResourceName(kind) + "-v1.yml")
                .toList();
    }
}
