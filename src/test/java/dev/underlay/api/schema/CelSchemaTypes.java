package dev.underlay.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * CEL types for a schema node, as the API server declares {@code self}: an object with properties is a struct whose
 * fields are its properties, an object with additionalProperties a map, an array a list, and scalars their CEL
 * counterparts. Rules are then type-checked: a misspelled field or an int compared with a string fails to compile.
 */
final class CelSchemaTypes implements CelTypeProvider {

    private final Map<String, CelType> structs = new LinkedHashMap<>();

    /** The type of {@code schema}; nested object types are registered under names derived from {@code name}. */
    CelType typeOf(JsonNode schema, String name) {
        if (schema == null
                || schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)
                || schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            return SimpleType.DYN;
        }
        switch (schema.path("type").asText()) {
            case "string":
                return SimpleType.STRING;
            case "integer":
                return SimpleType.INT;
            case "number":
                return SimpleType.DOUBLE;
            case "boolean":
                return SimpleType.BOOL;
            case "array":
                return ListType.create(typeOf(schema.get("items"), name + ".@items"));
            case "object":
                if (schema.has("properties")) {
                    return struct(schema, name);
                }
                return MapType.create(
                        SimpleType.STRING,
                        schema.path("additionalProperties").isObject()
                                ? typeOf(schema.get("additionalProperties"), name + ".@values")
                                : SimpleType.DYN);
            default:
                return SimpleType.DYN;
        }
    }

    private CelType struct(JsonNode schema, String name) {
        Map<String, CelType> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it =
                        schema.path("properties").fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            fields.put(property.getKey(), typeOf(property.getValue(), name + "." + property.getKey()));
        }
        StructType type = StructType.create(
                name, ImmutableSet.copyOf(fields.keySet()), field -> Optional.ofNullable(fields.get(field)));
        structs.put(name, type);
        return type;
    }

    @Override
    public ImmutableCollection<CelType> types() {
        return ImmutableList.copyOf(structs.values());
    }

    @Override
    public Optional<CelType> findType(String typeName) {
        return Optional.ofNullable(structs.get(typeName));
    }
}
