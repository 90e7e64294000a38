package dev.underlay.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A custom kind's schema as the OpenAPI documents publish it: the CRD's {@code openAPIV3Schema} with the type meta
 * fields that every object carries, under the definition name the API server gives it. kubectl finds a kind's schema
 * by the {@code x-kubernetes-group-version-kind} extension, not by the name.
 * <p>
 * {@code metadata} is an open object here rather than a reference to a full ObjectMeta definition: client-side
 * validation then accepts any metadata (the server checks names and labels anyway) and {@code kubectl explain} of the
 * kind's own fields, the part this project documents, is complete.
 */
record PublishedSchema(ResourceType type, ObjectNode v3Schema) {

    static final String GVK_EXTENSION = "x-kubernetes-group-version-kind";

    static List<PublishedSchema> of(ResourceCatalog catalog) {
        List<PublishedSchema> schemas = new ArrayList<>();
        for (ResourceCatalog.CrdKind kind : catalog.crdKinds()) {
            schemas.add(new PublishedSchema(kind.type(), withTypeMeta(kind.openApiV3Schema())));
        }
        return schemas;
    }

    /** {@code underlay.dev}, {@code v1alpha1}, {@code TalosNodeVM} is {@code dev.underlay.v1alpha1.TalosNodeVM}. */
    String definitionName() {
        List<String> labels = new ArrayList<>(List.of(type.group().split("\\.")));
        Collections.reverse(labels);
        return String.join(".", labels) + "." + type.version() + "." + type.kind();
    }

    /** The extension's value: a list of one group, version and kind. */
    ArrayNode groupVersionKind() {
        ArrayNode list = Json.MAPPER.createArrayNode();
        list.addObject().put("group", type.group()).put("kind", type.kind()).put("version", type.version());
        return list;
    }

    private static ObjectNode withTypeMeta(JsonNode declared) {
        ObjectNode schema = declared.deepCopy();
        if (!schema.has("type")) {
            schema.put("type", "object");
        }
        ObjectNode properties = Json.object();
        properties
                .putObject("apiVersion")
                .put("type", "string")
                .put("description", "The group and version of the object's schema, as in underlay.dev/v1alpha1.");
        properties
                .putObject("kind")
                .put("type", "string")
                .put("description", "The kind of object, in CamelCase, as in TalosNodeVM.");
        properties
                .putObject("metadata")
                .put("type", "object")
                .put("description", "Standard object metadata: name, namespace, labels, annotations and the rest.");
        JsonNode declaredProperties = schema.path("properties");
        if (declaredProperties.isObject()) {
            declaredProperties.fields().forEachRemaining(field -> {
                if (!properties.has(field.getKey())) {
                    properties.set(field.getKey(), field.getValue());
                }
            });
        }
        schema.set("properties", properties);
        return schema;
    }
}
