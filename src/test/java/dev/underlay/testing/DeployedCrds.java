package dev.underlay.testing;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.kubernetes.client.KubernetesServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Setup hook of {@code @WithKubernetesTestServer}: creates every CRD in deploy/crds in the mock API server before
 * Quarkus (and so the operator) starts. The mock needs them to treat status as a subresource and to bump
 * metadata.generation on spec changes only; it checks no schema (the schema tier tests do that).
 *
 * <p>Chosen over start-operator=false because that property is build-time fixed, would differ from production, and
 * would make every test class start the operator by hand.
 */
public class DeployedCrds implements Consumer<KubernetesServer> {

    public static final Path DIRECTORY = Path.of("deploy", "crds");

    @Override
    public void accept(KubernetesServer server) {
        create(server.getClient());
    }

    public static List<CustomResourceDefinition> create(KubernetesClient client) {
        return files().stream()
                .map(file -> {
                    try (InputStream in = Files.newInputStream(file)) {
                        CustomResourceDefinition crd = client.apiextensions()
                                .v1()
                                .customResourceDefinitions()
                                .load(in)
                                .item();
                        return client.apiextensions()
                                .v1()
                                .customResourceDefinitions()
                                .resource(crd)
                                .create();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .toList();
    }

    static List<Path> files() {
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            List<Path> crds = files.filter(
                            f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml"))
                    .sorted()
                    .toList();
            if (crds.isEmpty()) {
                throw new IllegalStateException("no CRDs in " + DIRECTORY.toAbsolutePath());
            }
            return crds;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
