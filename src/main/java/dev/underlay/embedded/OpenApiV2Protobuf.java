package dev.underlay.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.util.Iterator;
import java.util.Map;
import java.util.function.Function;

/**
 * An {@link OpenApiV2Document} in the protobuf form kubectl asks for first, the {@code openapi.v2.Document} message of
 * gnostic ({@code openapiv2/OpenAPIv2.proto}); the field numbers below are that file's. Only the messages the document
 * uses are written: Document, Info, Paths (empty), Definitions and the Schema tree with its NamedSchema, TypeItem,
 * ItemsItem, Properties, AdditionalPropertiesItem, NamedAny and Any. gnostic carries every value that is not a
 * fixed field (defaults, enums, examples, vendor extensions) as YAML text in an {@code Any}.
 */
final class OpenApiV2Protobuf {

    static final String MEDIA_TYPE = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

    /** As gnostic writes them: no document start marker (an ObjectWriter cannot switch it off, the factory can). */
    private static final ObjectWriter YAML = new YAMLMapper(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .build())
            .writer();

    private OpenApiV2Protobuf() {}

    static byte[] encode(ObjectNode document) {
        if (!document.path("paths").isEmpty()) {
            throw new IllegalArgumentException("path items are not encoded");
        }
        ProtobufWriter doc =
                new ProtobufWriter().string(1, document.path("swagger").asText());
        JsonNode info = document.path("info");
        doc.message(
                2,
                new ProtobufWriter()
                        .string(1, info.path("title").asText())
                        .string(2, info.path("version").asText())
                        .string(3, info.path("description").asText()));
        doc.message(8, new ProtobufWriter());
        doc.message(9, named(document.path("definitions"), OpenApiV2Protobuf::schema));
        return doc.toByteArray();
    }

    /** A map as gnostic writes one: repeated (name = 1, value = 2) pairs in field 1 of a wrapper message. */
    private static ProtobufWriter named(JsonNode map, Function<JsonNode, ProtobufWriter> value) {
        ProtobufWriter wrapper = new ProtobufWriter();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            wrapper.message(
                    1, new ProtobufWriter().element(1, entry.getKey()).message(2, value.apply(entry.getValue())));
        }
        return wrapper;
    }

    private static ProtobufWriter schema(JsonNode s) {
        ProtobufWriter w = new ProtobufWriter()
                .string(1, s.path("$ref").asText())
                .string(2, s.path("format").asText())
                .string(3, s.path("title").asText())
                .string(4, s.path("description").asText());
        if (s.has("default")) {
            w.message(5, any(s.get("default")));
        }
        w.doubleValue(6, s.path("multipleOf").asDouble())
                .doubleValue(7, s.path("maximum").asDouble())
                .bool(8, s.path("exclusiveMaximum").asBoolean())
                .doubleValue(9, s.path("minimum").asDouble())
                .bool(10, s.path("exclusiveMinimum").asBoolean())
                .int64(11, s.path("maxLength").asLong())
                .int64(12, s.path("minLength").asLong())
                .string(13, s.path("pattern").asText())
                .int64(14, s.path("maxItems").asLong())
                .int64(15, s.path("minItems").asLong())
                .bool(16, s.path("uniqueItems").asBoolean())
                .int64(17, s.path("maxProperties").asLong())
                .int64(18, s.path("minProperties").asLong());
        s.path("required").forEach(name -> w.element(19, name.asText()));
        s.path("enum").forEach(value -> w.message(20, any(value)));
        JsonNode additional = s.path("additionalProperties");
        if (additional.isObject()) {
            w.message(21, new ProtobufWriter().message(1, schema(additional)));
        } else if (additional.isBoolean()) {
            w.message(21, new ProtobufWriter().oneofBool(2, additional.asBoolean()));
        }
        JsonNode type = s.path("type");
        if (!type.isMissingNode()) {
            ProtobufWriter typeItem = new ProtobufWriter();
            if (type.isArray()) {
                type.forEach(t -> typeItem.element(1, t.asText()));
            } else {
                typeItem.element(1, type.asText());
            }
            w.message(22, typeItem);
        }
        JsonNode items = s.path("items");
        if (!items.isMissingNode()) {
            ProtobufWriter itemsItem = new ProtobufWriter();
            if (items.isArray()) {
                items.forEach(item -> itemsItem.message(1, schema(item)));
            } else {
                itemsItem.message(1, schema(items));
            }
            w.message(23, itemsItem);
        }
        if (s.has("properties")) {
            w.message(25, named(s.get("properties"), OpenApiV2Protobuf::schema));
        }
        if (s.has("example")) {
            w.message(30, any(s.get("example")));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().startsWith("x-")) {
                w.message(31, new ProtobufWriter().element(1, field.getKey()).message(2, any(field.getValue())));
            }
        }
        return w;
    }

    /** gnostic's Any: the value as YAML in field 2 (field 1, a protobuf Any, is for values that are messages). */
    private static ProtobufWriter any(JsonNode value) {
        try {
            return new ProtobufWriter().element(2, YAML.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
