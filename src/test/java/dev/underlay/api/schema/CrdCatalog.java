package dev.underlay.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

/** The CRDs as users install them: the committed files in {@code deploy/crds}, read as plain trees. */
public final class CrdCatalog {

    public static final Path DEPLOY_CRDS = Path.of("deploy", "crds");

    private final Map<String, Crd> byKind = new LinkedHashMap<>();

    private CrdCatalog(List<ObjectNode> crdDocuments) {
        for (ObjectNode crd : crdDocuments) {
            Crd parsed = Crd.of(crd);
            byKind.put(parsed.kind(), parsed);
        }
    }

    public static CrdCatalog deployed() {
        return of(DEPLOY_CRDS);
    }

    public static CrdCatalog of(Path dir) {
        List<ObjectNode> documents = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.toString().endsWith(".yml")).sorted().forEach(f -> documents.addAll(Yaml.documents(f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CrdCatalog(documents);
    }

    public Crd byKind(String kind) {
        Crd crd = byKind.get(kind);
        if (crd == null) {
            throw new NoSuchElementException("no CRD for kind " + kind + "; known: " + byKind.keySet());
        }
        return crd;
    }

    public boolean serves(String apiVersion, String kind) {
        Crd crd = byKind.get(kind);
        return crd != null && crd.apiVersion().equals(apiVersion);
    }

    public List<Crd> all() {
        return List.copyOf(byKind.values());
    }

    /** The parts of one CRD (single served version) the schema tier needs. */
    public record Crd(String kind, String plural, String apiVersion, ObjectNode schema, List<PrinterColumn> columns) {

        static Crd of(ObjectNode crd) {
            JsonNode spec = crd.path("spec");
            if (spec.path("versions").size() != 1) {
                throw new IllegalArgumentException("expected exactly one version in "
                        + crd.path("metadata").path("name"));
            }
            JsonNode version = spec.path("versions").get(0);
            List<PrinterColumn> columns = new ArrayList<>();
            for (JsonNode column : version.path("additionalPrinterColumns")) {
                columns.add(new PrinterColumn(
                        column.path("name").asText(),
                        column.path("type").asText(),
                        column.path("jsonPath").asText(),
                        column.path("priority").asInt(0)));
            }
            return new Crd(
                    spec.path("names").path("kind").asText(),
                    spec.path("names").path("plural").asText(),
                    spec.path("group").asText() + "/" + version.path("name").asText(),
                    (ObjectNode) version.path("schema").path("openAPIV3Schema"),
                    Collections.unmodifiableList(columns));
        }
    }

    public record PrinterColumn(String name, String type, String jsonPath, int priority) {}
}
