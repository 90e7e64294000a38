package dev.underlay.api.schema;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The documents of {@code deploy/examples/}, in the order {@code kubectl apply -f deploy/examples/} sends them. */
public final class ExampleManifests {

    public static final Path DIR = Path.of("deploy", "examples");

    private ExampleManifests() {}

    /** One YAML document of one example file. */
    public record Manifest(Path file, int index, ObjectNode object) {
        public String kind() {
            return object.path("kind").asText();
        }

        public String name() {
            return object.path("metadata").path("name").asText();
        }

        @Override
        public String toString() {
            return DIR.relativize(file) + (index > 0 ? "#" + index : "") + " " + kind() + "/" + name();
        }
    }

    /** kubectl reads a directory's .yaml, .yml and .json files in lexical order. */
    public static List<Path> files() {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(f -> f.toString().matches(".*\\.(ya?ml|json)$"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Manifest> all() {
        List<Manifest> manifests = new ArrayList<>();
        for (Path file : files()) {
            List<ObjectNode> documents = Yaml.documents(file);
            for (int i = 0; i < documents.size(); i++) {
                manifests.add(new Manifest(file, i, documents.get(i)));
            }
        }
        return manifests;
    }

    public static List<Manifest> customResources(CrdCatalog crds) {
        return all().stream()
                .filter(m -> crds.serves(m.object().path("apiVersion").asText(), m.kind()))
                .toList();
    }
}
