package dev.underlay.build;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Renders {@code docs/api-reference.md} from the generated CRDs: every field of every kind with its type, default,
 * validation (schema keywords and CEL rules) and description. Generated from the CRDs rather than the Java types so
 * the reference shows exactly what the API server enforces.
 */
final class ApiReference {

    /** Longer patterns (the calendar event one) would drown the table; the field description explains them. */
    private static final int LONGEST_PATTERN_SHOWN = 160;

    private ApiReference() {}

    static List<CustomResourceDefinition> parse(Collection<String> crdYamls) {
        return crdYamls.stream()
                .map(yaml -> Serialization.unmarshal(yaml, CustomResourceDefinition.class))
                .toList();
    }

    /** The CRDs in the order of {@link CrdGeneration#KINDS}. */
    static String render(List<CustomResourceDefinition> crds) {
        List<CustomResourceDefinition> ordered = new ArrayList<>(crds);
        List<String> kindOrder =
                CrdGeneration.KINDS.stream().map(Class::getSimpleName).toList();
        ordered.sort((a, b) -> Integer.compare(
                kindOrder.indexOf(a.getSpec().getNames().getKind()),
                kindOrder.indexOf(b.getSpec().getNames().getKind())));
        StringBuilder md = new StringBuilder();
        CustomResourceDefinitionVersion first =
                ordered.get(0).getSpec().getVersions().get(0);
        md.append("# Underlay API reference: ")
                .append(ordered.get(0).getSpec().getGroup())
                .append('/')
                .append(first.getName())
                .append("\n\n")
                .append(
                        "<!-- Generated from deploy/crds by dev.underlay.build.ApiReference; do not edit. Refresh with: ")
                .append(SyncManifests.COMMAND)
                .append(" -->\n\n")
                .append(
                        "Every field of every kind as the API server validates it. Types and validation come from the CRDs' ")
                .append(
                        "`openAPIV3Schema`; rules marked *on update* are transition rules (they compare with the stored object). ")
                .append(
                        "All kinds are namespaced; references to Secrets and ProxmoxClusters are names in the same namespace.\n\n");
        for (CustomResourceDefinition crd : ordered) {
            String kind = crd.getSpec().getNames().getKind();
            md.append("- [")
                    .append(kind)
                    .append("](#")
                    .append(kind.toLowerCase())
                    .append(")\n");
        }
        for (CustomResourceDefinition crd : ordered) {
            renderKind(md, crd);
        }
        return md.toString();
    }

    private static void renderKind(StringBuilder md, CustomResourceDefinition crd) {
        var names = crd.getSpec().getNames();
        CustomResourceDefinitionVersion version = crd.getSpec().getVersions().get(0);
        md.append("\n## ")
                .append(names.getKind())
                .append("\n\n")
                .append("`apiVersion: ")
                .append(crd.getSpec().getGroup())
                .append('/')
                .append(version.getName())
                .append("`, plural `")
                .append(names.getPlural())
                .append('`');
        if (names.getShortNames() != null && !names.getShortNames().isEmpty()) {
            md.append(", short name ")
                    .append(names.getShortNames().stream()
                            .map(n -> "`" + n + "`")
                            .collect(Collectors.joining(", ")));
        }
        if (names.getCategories() != null && !names.getCategories().isEmpty()) {
            md.append(", categories ")
                    .append(names.getCategories().stream()
                            .map(n -> "`" + n + "`")
                            .collect(Collectors.joining(", ")));
        }
        md.append(", scope ").append(crd.getSpec().getScope()).append(".\n\n");
        md.append("`kubectl get ")
                .append(names.getPlural())
                .append("` columns:\n\n")
                .append("| Column | JSONPath | Type | Shown |\n|---|---|---|---|\n");
        for (CustomResourceColumnDefinition column : version.getAdditionalPrinterColumns()) {
            md.append("| ")
                    .append(column.getName().toUpperCase())
                    .append(" | ")
                    .append(code(column.getJsonPath()))
                    .append(" | ")
                    .append(column.getType())
                    .append(" | ")
                    .append(column.getPriority() != null && column.getPriority() > 0 ? "with `-o wide`" : "always")
                    .append(" |\n");
        }
        JSONSchemaProps root = version.getSchema().getOpenAPIV3Schema();
        for (String part : List.of("spec", "status")) {
            JSONSchemaProps schema = root.getProperties().get(part);
            if (schema == null) {
                continue;
            }
            md.append("\n### ").append(names.getKind()).append(' ').append(part).append("\n\n");
            if ("status".equals(part)) {
                md.append("Written by the operator only.\n\n");
            }
            md.append("| Field | Type | Default | Validation | Description |\n|---|---|---|---|---|\n");
            List<String> objectRules = rules(schema);
            if (!objectRules.isEmpty()) {
                md.append("| `")
                        .append(part)
                        .append("` | object |  | ")
                        .append(String.join("<br>", objectRules))
                        .append(" |  |\n");
            }
            renderProperties(md, part, schema);
        }
    }

    private static void renderProperties(StringBuilder md, String path, JSONSchemaProps schema) {
        if (schema.getProperties() == null) {
            return;
        }
        List<String> required = Optional.ofNullable(schema.getRequired()).orElse(List.of());
        for (Map.Entry<String, JSONSchemaProps> property :
                schema.getProperties().entrySet()) {
            String fieldPath = path + "." + property.getKey();
            JSONSchemaProps field = property.getValue();
            List<String> validation = new ArrayList<>();
            if (required.contains(property.getKey())) {
                validation.add("required");
            }
            validation.addAll(validation(field));
            JSONSchemaProps items = "array".equals(field.getType()) && field.getItems() != null
                    ? field.getItems().getSchema()
                    : null;
            if (items != null) {
                validation(items).forEach(v -> validation.add("each item: " + v));
            }
            md.append("| ")
                    .append(code(fieldPath))
                    .append(" | ")
                    .append(type(field))
                    .append(" | ")
                    .append(field.getDefault() == null ? "" : code(Serialization.asJson(field.getDefault())))
                    .append(" | ")
                    .append(String.join("<br>", validation))
                    .append(" | ")
                    .append(cell(Optional.ofNullable(field.getDescription()).orElse("")))
                    .append(" |\n");
            if (items != null) {
                renderProperties(md, fieldPath + "[]", items);
            } else {
                renderProperties(md, fieldPath, field);
            }
        }
    }

    private static String type(JSONSchemaProps schema) {
        if ("array".equals(schema.getType()) && schema.getItems() != null) {
            return "[]" + type(schema.getItems().getSchema());
        }
        if ("object".equals(schema.getType())
                && schema.getAdditionalProperties() != null
                && schema.getAdditionalProperties().getSchema() != null) {
            return "map[string]" + type(schema.getAdditionalProperties().getSchema());
        }
        return schema.getType();
    }

    private static List<String> validation(JSONSchemaProps schema) {
        List<String> parts = new ArrayList<>();
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            parts.add("one of "
                    + schema.getEnum().stream().map(v -> code(v.asText())).collect(Collectors.joining(", ")));
        }
        bound(parts, "minimum", schema.getMinimum());
        bound(parts, "maximum", schema.getMaximum());
        bound(parts, "minLength", schema.getMinLength());
        bound(parts, "maxLength", schema.getMaxLength());
        bound(parts, "minItems", schema.getMinItems());
        bound(parts, "maxItems", schema.getMaxItems());
        if (schema.getPattern() != null && schema.getPattern().length() <= LONGEST_PATTERN_SHOWN) {
            parts.add("pattern " + code(schema.getPattern()));
        } else if (schema.getPattern() != null) {
            parts.add("pattern of " + schema.getPattern().length()
                    + " characters (see the CRD; the description gives the syntax)");
        }
        if (schema.getXKubernetesListType() != null) {
            String keys = schema.getXKubernetesListMapKeys() == null
                    ? ""
                    : " keyed by "
                            + schema.getXKubernetesListMapKeys().stream()
                                    .map(ApiReference::code)
                                    .collect(Collectors.joining(", "));
            parts.add("list type " + code(schema.getXKubernetesListType()) + keys);
        }
        parts.addAll(rules(schema));
        return parts;
    }

    private static List<String> rules(JSONSchemaProps schema) {
        List<String> parts = new ArrayList<>();
        for (ValidationRule rule :
                Optional.ofNullable(schema.getXKubernetesValidations()).orElse(List.of())) {
            String when = rule.getRule().contains("oldSelf") ? " (on update)" : "";
            parts.add("rule" + when + ": " + code(rule.getRule()) + " — " + cell(rule.getMessage()));
        }
        return parts;
    }

    private static void bound(List<String> parts, String name, Number value) {
        if (value != null) {
            parts.add(name + " "
                    + new BigDecimal(value.toString()).stripTrailingZeros().toPlainString());
        }
    }

    /** A code span that survives a Markdown table: pipes escaped, backticks avoided by a longer fence. */
    private static String code(String text) {
        String fence = text.contains("`") ? "``" : "`";
        String padded = text.contains("`") ? " " + text + " " : text;
        return fence + padded.replace("|", "\\|") + fence;
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
