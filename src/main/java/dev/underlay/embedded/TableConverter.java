package dev.underlay.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Renders objects as a {@code meta.k8s.io Table}, the server-side printing {@code kubectl get} asks for: a Name
 * column, then the kind's printer columns in declaration order, and one row per object with its cells and, as
 * {@code includeObject} asks, nothing, the partial object metadata (the default) or the whole object.
 * Cells follow the API server's CRD table convertor: typed values for integer, number and boolean, text for
 * string, an age for date, and null where the path selects nothing or a value of the wrong type.
 */
final class TableConverter {

    private static final String NAME_DESCRIPTION = "Name must be unique within a namespace. "
            + "Is required when creating resources, although some resources may allow a client to request the "
            + "generation of an appropriate name automatically. Name is primarily intended for creation "
            + "idempotence and configuration definition. Cannot be updated.";

    enum IncludeObject {
        NONE,
        METADATA,
        OBJECT;

        static IncludeObject fromParam(Optional<String> value) {
            return value.map(v -> v.toUpperCase(Locale.ROOT))
                    .map(IncludeObject::valueOf)
                    .orElse(METADATA);
        }
    }

    private final Clock clock;

    TableConverter(Clock clock) {
        this.clock = clock;
    }

    /**
     * The Table version the {@code Accept} header asks for ({@code application/json;as=Table;v=v1;g=meta.k8s.io}),
     * if any; the first acceptable media type wins, as in content negotiation.
     */
    static Optional<String> requestedTableVersion(String accept) {
        if (accept == null) {
            return Optional.empty();
        }
        for (String mediaType : accept.split(",")) {
            String as = null;
            String group = null;
            String version = null;
            String[] parts = mediaType.split(";");
            for (int i = 1; i < parts.length; i++) {
                String[] kv = parts[i].trim().split("=", 2);
                if (kv.length == 2) {
                    switch (kv[0].trim()) {
                        case "as" -> as = kv[1].trim();
                        case "g" -> group = kv[1].trim();
                        case "v" -> version = kv[1].trim();
                        default -> {}
                    }
                }
            }
            if ("Table".equals(as)
                    && "meta.k8s.io".equals(group)
                    && ("v1".equals(version) || "v1beta1".equals(version))) {
                return Optional.of(version);
            }
            if (as == null && parts[0].trim().equals("application/json")) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** @param body a single object or a list document with {@code items} */
    ObjectNode toTable(ResourceType type, JsonNode body, String tableVersion, IncludeObject include) {
        ObjectNode table = Json.object().put("kind", "Table").put("apiVersion", "meta.k8s.io/" + tableVersion);
        ObjectNode metadata = table.putObject("metadata");
        String resourceVersion = body.path("metadata").path("resourceVersion").asText("");
        if (!resourceVersion.isEmpty()) {
            metadata.put("resourceVersion", resourceVersion);
        }
        ArrayNode definitions = table.putArray("columnDefinitions");
        definitions
                .addObject()
                .put("name", "Name")
                .put("type", "string")
                .put("format", "name")
                .put("description", NAME_DESCRIPTION)
                .put("priority", 0);
        for (PrinterColumn column : type.columns()) {
            definitions
                    .addObject()
                    .put("name", column.name())
                    .put("type", column.type())
                    .put("format", column.format() == null ? "" : column.format())
                    .put("description", column.description() == null ? "" : column.description())
                    .put("priority", column.priority());
        }
        List<CompiledColumn> columns =
                type.columns().stream().map(CompiledColumn::of).toList();
        ArrayNode rows = table.putArray("rows");
        List<JsonNode> objects = new ArrayList<>();
        if (body.has("items")) {
            body.get("items").forEach(objects::add);
        } else {
            objects.add(body);
        }
        for (JsonNode object : objects) {
            rows.add(row(object, columns, include));
        }
        return table;
    }

    private ObjectNode row(JsonNode object, List<CompiledColumn> columns, IncludeObject include) {
        ObjectNode row = Json.object();
        ArrayNode cells = row.putArray("cells");
        cells.add(object.path("metadata").path("name").asText());
        for (CompiledColumn column : columns) {
            cells.add(cell(column, object));
        }
        switch (include) {
            case OBJECT -> row.set("object", object);
            case METADATA -> {
                ObjectNode partial = row.putObject("object")
                        .put("kind", "PartialObjectMetadata")
                        .put("apiVersion", "meta.k8s.io/v1");
                partial.set("metadata", object.path("metadata").deepCopy());
            }
            case NONE -> {}
        }
        return row;
    }

    private JsonNode cell(CompiledColumn column, JsonNode object) {
        if (column.path().isEmpty()) {
            return JsonNodeFactory.instance.nullNode();
        }
        Optional<JsonNode> found = column.path().get().firstValue(object);
        if (found.isEmpty()) {
            return JsonNodeFactory.instance.nullNode();
        }
        JsonNode value = found.get();
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        switch (column.column().type()) {
            case "string":
                return nodes.textNode(value.isValueNode() ? value.asText() : Json.write(value));
            case "integer":
                return value.isNumber() ? nodes.numberNode(value.asLong()) : nodes.nullNode();
            case "number":
                return value.isNumber() ? nodes.numberNode(value.asDouble()) : nodes.nullNode();
            case "boolean":
                return value.isBoolean() ? value : nodes.nullNode();
            case "date":
                return value.isTextual() ? nodes.textNode(age(value.asText())) : nodes.nullNode();
            default:
                return nodes.nullNode();
        }
    }

    private String age(String timestamp) {
        try {
            Instant then = OffsetDateTime.parse(timestamp).toInstant();
            return HumanDuration.format(Duration.between(then, clock.instant()));
        } catch (DateTimeParseException e) {
            return "<invalid>";
        }
    }

    /** A column with its path compiled once per table; an uncompilable path renders null cells. */
    private record CompiledColumn(PrinterColumn column, Optional<KubeJsonPath> path) {
        static CompiledColumn of(PrinterColumn column) {
            try {
                return new CompiledColumn(column, Optional.of(KubeJsonPath.compile(column.jsonPath())));
            } catch (RuntimeException e) {
                return new CompiledColumn(column, Optional.empty());
            }
        }
    }
}
