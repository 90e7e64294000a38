package dev.underlay.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.re2j.Pattern;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.DisallowUnknownKeywordFactory;
import com.networknt.schema.keyword.NonValidationKeyword;
import com.networknt.schema.path.PathType;
import com.networknt.schema.regex.RegularExpression;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Validates an object against a CRD's {@code openAPIV3Schema} with networknt's OpenAPI 3.0 dialect, the way the API
 * server and {@code kubectl apply} (strict field validation, its default) would:
 * <ul>
 * <li>patterns run on RE2 (re2j), the API server's engine, so a Java-only regex fails here too;</li>
 * <li>unknown fields are errors ({@code additionalProperties: false} is added to every object schema that lists its
 * properties), and the implicit {@code apiVersion}, {@code kind} and {@code metadata} are allowed at the root;</li>
 * <li>the {@code x-kubernetes-*} extensions are known keywords without assertions (list types and CEL are checked by
 * {@link ListTypeValidator} and {@link CelRuleEvaluator}); any other unknown keyword makes the schema invalid.</li>
 * </ul>
 */
public final class OpenApiSchemaValidator {

    private static final List<String> KUBERNETES_EXTENSIONS = List.of(
            "x-kubernetes-validations",
            "x-kubernetes-list-type",
            "x-kubernetes-list-map-keys",
            "x-kubernetes-preserve-unknown-fields",
            "x-kubernetes-int-or-string",
            "x-kubernetes-embedded-resource",
            "x-kubernetes-map-type");

    private static final tools.jackson.databind.ObjectMapper JSON3 =
            tools.jackson.databind.json.JsonMapper.builder().build();

    private final Schema schema;

    public OpenApiSchemaValidator(ObjectNode openApiV3Schema) {
        Dialect.Builder dialect = Dialect.builder(
                        "https://underlay.dev/schema/kubernetes-structural", Dialects.getOpenApi30())
                .unknownKeywordFactory(DisallowUnknownKeywordFactory.getInstance());
        KUBERNETES_EXTENSIONS.forEach(keyword -> dialect.keyword(new NonValidationKeyword(keyword)));
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .regularExpressionFactory(OpenApiSchemaValidator::re2)
                .pathType(PathType.JSON_POINTER)
                .build();
        SchemaRegistry registry =
                SchemaRegistry.withDefaultDialect(dialect.build(), builder -> builder.schemaRegistryConfig(config));
        this.schema = registry.getSchema(JSON3.readTree(strict(openApiV3Schema).toString()));
    }

    public List<Violation> validate(JsonNode object) {
        List<Violation> violations = new ArrayList<>();
        for (Error error : schema.validate(object.toString(), InputFormat.JSON)) {
            String path = error.getInstanceLocation().toString();
            if (error.getProperty() != null
                    && List.of("required", "additionalProperties").contains(error.getKeyword())) {
                path = path + "/" + error.getProperty();
            }
            path = path.isEmpty() ? "/" : path;
            violations.add(new Violation(error.getKeyword(), path, error.getMessage()));
        }
        return violations;
    }

    private static RegularExpression re2(String regex) {
        Pattern pattern = Pattern.compile(regex);
        return value -> pattern.matcher(value).find();
    }

    /** A copy of the schema that rejects unknown fields, with the root's implicit fields declared. */
    static ObjectNode strict(ObjectNode openApiV3Schema) {
        ObjectNode copy = openApiV3Schema.deepCopy();
        ObjectNode rootProperties = copy.with("properties");
        rootProperties.set("apiVersion", JsonNodeFactory.instance.objectNode().put("type", "string"));
        rootProperties.set("kind", JsonNodeFactory.instance.objectNode().put("type", "string"));
        rootProperties.set("metadata", JsonNodeFactory.instance.objectNode().put("type", "object"));
        closeObjects(copy);
        return copy;
    }

    private static void closeObjects(JsonNode schema) {
        if (!schema.isObject()) {
            return;
        }
        ObjectNode node = (ObjectNode) schema;
        if (node.has("properties")
                && !node.has("additionalProperties")
                && !node.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
            node.put("additionalProperties", false);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("properties").fields(); it.hasNext(); ) {
            closeObjects(it.next().getValue());
        }
        if (node.has("items")) {
            closeObjects(node.get("items"));
        }
        if (node.path("additionalProperties").isObject()) {
            closeObjects(node.get("additionalProperties"));
        }
    }
}
