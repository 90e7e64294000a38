package dev.underlay.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads (multi-document) YAML into Jackson trees, as kubectl would send it. */
public final class Yaml {

    public static final ObjectMapper MAPPER = new YAMLMapper();

    private Yaml() {}

    /** Every non-empty document of the file, in order. */
    public static List<ObjectNode> documents(Path file) {
        try {
            return documents(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    public static List<ObjectNode> documents(String text) {
        List<ObjectNode> documents = new ArrayList<>();
        try (var values = MAPPER.readerFor(JsonNode.class).<JsonNode>readValues(text)) {
            while (values.hasNext()) {
                JsonNode document = values.next();
                if (document != null && document.isObject()) {
                    documents.add((ObjectNode) document);
                } else if (document != null && !document.isNull() && !document.isMissingNode()) {
                    throw new IllegalArgumentException("not a YAML mapping: " + document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }
}
