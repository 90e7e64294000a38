package dev.underlay.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads Kubernetes manifests: multi-document YAML files, a directory of them ({@code *.yaml|*.yml|*.json}). */
public final class ManifestReader {

    private ManifestReader() {}

    /** The manifests of every YAML/JSON file directly in {@code directory}, in file-name order. */
    public static List<JsonNode> readDirectory(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            List<JsonNode> manifests = new ArrayList<>();
            files.filter(ManifestReader::isManifestFile).sorted().forEach(f -> manifests.addAll(readFile(f)));
            return manifests;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list manifests in " + directory, e);
        }
    }

    public static List<JsonNode> readFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read manifest " + file, e);
        }
    }

    public static List<JsonNode> read(InputStream yaml) throws IOException {
        List<JsonNode> manifests = new ArrayList<>();
        try (MappingIterator<JsonNode> documents =
                Json.YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document != null && document.isObject() && document.has("kind")) {
                    manifests.add(document);
                }
            }
        }
        return manifests;
    }

    static boolean isManifestFile(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"));
    }
}
