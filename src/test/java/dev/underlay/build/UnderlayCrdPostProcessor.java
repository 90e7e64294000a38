package dev.underlay.build;

import dev.underlay.api.v1alpha1.common.ListType;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fixes what the fabric8 generator cannot express, on the generated CRD objects (never on their text):
 * <ul>
 * <li>printer columns in annotation declaration order: kubectl shows them in CRD order, the generator sorts them by
 * name;</li>
 * <li>{@code x-kubernetes-list-type} and {@code x-kubernetes-list-map-keys} from {@link ListType};</li>
 * <li>{@code spec} required at the root: every kind has required spec fields, and a spec-less object would skip
 * every spec-level rule;</li>
 * <li>descriptions for the fields of fabric8's {@code Condition} and {@code LabelSelector}, which carry none
 * ({@code kubectl explain} shows nothing for an undescribed field);</li>
 * <li>one copy of each CEL rule: the generator repeats a rule placed on a record component (it sees it on the field
 * and on the accessor);</li>
 * <li>the {@code app.kubernetes.io/part-of: underlay} label on every CRD.</li>
 * </ul>
 */
final class UnderlayCrdPostProcessor implements CRDPostProcessor {

    static final Map<String, String> LABELS = Map.of("app.kubernetes.io/part-of", "underlay");

    private static final Map<String, String> CONDITION_FIELDS = Map.of(
            "type", "Condition type, e.g. Ready.",
            "status", "True, False or Unknown.",
            "reason", "CamelCase reason for the last transition, e.g. CredentialsSecretMissing.",
            "message", "Human-readable detail.",
            "lastTransitionTime", "When status last changed (RFC 3339).",
            "observedGeneration", "The metadata.generation the condition was set for.");

    private final Map<String, Class<?>> kindClasses = new LinkedHashMap<>();

    UnderlayCrdPostProcessor(Collection<Class<? extends HasMetadata>> kinds) {
        kinds.forEach(kind -> kindClasses.put(kind.getSimpleName(), kind));
    }

    @Override
    public HasMetadata process(HasMetadata resource, String crdSpecVersion) {
        CustomResourceDefinition crd = (CustomResourceDefinition) resource;
        Class<?> kind = kindClass(crd);
        Map<String, String> labels = new LinkedHashMap<>(
                Optional.ofNullable(crd.getMetadata().getLabels()).orElse(Map.of()));
        labels.putAll(LABELS);
        crd.getMetadata().setLabels(labels);
        for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
            orderPrinterColumns(kind, version);
            JSONSchemaProps root = version.getSchema().getOpenAPIV3Schema();
            root.setRequired(List.of("spec"));
            applyListTypes(root.getProperties().get("spec"), specOrStatusType(kind, 0));
            applyListTypes(root.getProperties().get("status"), specOrStatusType(kind, 1));
            describeConditions(root.getProperties().get("status"));
            describeLabelSelectors(root);
            dropRepeatedRules(root);
        }
        return crd;
    }

    private Class<?> kindClass(CustomResourceDefinition crd) {
        String kind = crd.getSpec().getNames().getKind();
        Class<?> type = kindClasses.get(kind);
        if (type == null) {
            throw new IllegalStateException("no class registered for kind " + kind);
        }
        return type;
    }

    /** The generator sorts columns by name; kubectl prints them in CRD order, so restore the declared order. */
    private static void orderPrinterColumns(Class<?> kind, CustomResourceDefinitionVersion version) {
        List<String> declared = Arrays.stream(kind.getAnnotationsByType(AdditionalPrinterColumn.class))
                .map(AdditionalPrinterColumn::name)
                .toList();
        List<CustomResourceColumnDefinition> columns = new ArrayList<>(version.getAdditionalPrinterColumns());
        if (columns.size() != declared.size()) {
            throw new IllegalStateException(
                    kind.getSimpleName() + ": expected printer columns " + declared + " but the generator wrote "
                            + columns.stream()
                                    .map(CustomResourceColumnDefinition::getName)
                                    .toList());
        }
        columns.sort(Comparator.comparingInt(column -> declared.indexOf(column.getName())));
        version.setAdditionalPrinterColumns(columns);
    }

    private static void dropRepeatedRules(JSONSchemaProps schema) {
        if (schema == null) {
            return;
        }
        if (schema.getXKubernetesValidations() != null) {
            schema.setXKubernetesValidations(new ArrayList<>(new LinkedHashSet<>(schema.getXKubernetesValidations())));
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(UnderlayCrdPostProcessor::dropRepeatedRules);
        }
        if (schema.getItems() != null) {
            dropRepeatedRules(schema.getItems().getSchema());
        }
        if (schema.getAdditionalProperties() != null) {
            dropRepeatedRules(schema.getAdditionalProperties().getSchema());
        }
    }

    private static final Map<String, String> SELECTOR_FIELDS = Map.of(
            "matchLabels", "Labels every selected object carries (key: value); ANDed with matchExpressions.",
            "matchExpressions", "Label requirements, all of which must hold.");

    private static final Map<String, String> REQUIREMENT_FIELDS = Map.of(
            "key", "The label key the requirement applies to.",
            "operator", "In, NotIn, Exists or DoesNotExist.",
            "values", "Label values for In and NotIn (must be empty for Exists and DoesNotExist).");

    /** Any object schema shaped like a Kubernetes LabelSelector (matchLabels, matchExpressions) gets descriptions. */
    private static void describeLabelSelectors(JSONSchemaProps schema) {
        if (schema == null) {
            return;
        }
        Map<String, JSONSchemaProps> properties = schema.getProperties();
        if (properties != null && properties.keySet().equals(SELECTOR_FIELDS.keySet())) {
            properties.forEach((name, field) -> describeIfBlank(field, SELECTOR_FIELDS.get(name)));
            JSONSchemaProps requirement =
                    properties.get("matchExpressions").getItems().getSchema();
            requirement.getProperties().forEach((name, field) -> {
                String description = REQUIREMENT_FIELDS.get(name);
                if (description == null) {
                    throw new IllegalStateException("unexpected label selector requirement field " + name);
                }
                describeIfBlank(field, description);
            });
            return;
        }
        if (properties != null) {
            properties.values().forEach(UnderlayCrdPostProcessor::describeLabelSelectors);
        }
        if (schema.getItems() != null) {
            describeLabelSelectors(schema.getItems().getSchema());
        }
    }

    private static void describeIfBlank(JSONSchemaProps field, String description) {
        if (field.getDescription() == null || field.getDescription().isBlank()) {
            field.setDescription(description);
        }
    }

    private static void describeConditions(JSONSchemaProps status) {
        JSONSchemaProps conditions = status.getProperties().get("conditions");
        if (conditions == null) {
            throw new IllegalStateException("status has no conditions");
        }
        conditions.getItems().getSchema().getProperties().forEach((name, field) -> {
            String description = CONDITION_FIELDS.get(name);
            if (description == null) {
                throw new IllegalStateException("unexpected condition field " + name);
            }
            field.setDescription(description);
        });
    }

    private static Type specOrStatusType(Class<?> kind, int index) {
        Type superType = kind.getGenericSuperclass();
        return ((ParameterizedType) superType).getActualTypeArguments()[index];
    }

    /** Walks the schema and the Java type side by side and copies {@link ListType} onto the matching array schemas. */
    private static void applyListTypes(JSONSchemaProps schema, Type javaType) {
        if (schema == null || schema.getProperties() == null) {
            return;
        }
        Class<?> type = rawClass(javaType);
        for (Map.Entry<String, JSONSchemaProps> property :
                schema.getProperties().entrySet()) {
            Optional<Member> member = member(type, property.getKey());
            if (member.isEmpty()) {
                continue;
            }
            JSONSchemaProps propertySchema = property.getValue();
            ListType listType = member.get().annotated().getAnnotation(ListType.class);
            if (listType != null) {
                setListType(type, property.getKey(), propertySchema, listType);
            }
            if ("array".equals(propertySchema.getType())) {
                applyListTypes(
                        propertySchema.getItems().getSchema(),
                        elementType(member.get().type()));
            } else {
                applyListTypes(propertySchema, member.get().type());
            }
        }
    }

    private static void setListType(Class<?> owner, String property, JSONSchemaProps schema, ListType listType) {
        if (!"array".equals(schema.getType())) {
            throw new IllegalStateException(
                    owner.getSimpleName() + "." + property + " has @ListType but is not an array");
        }
        schema.setXKubernetesListType(listType.value().name());
        if (listType.value() == ListType.Kind.map) {
            List<String> keys = List.of(listType.keys());
            List<String> required = Optional.ofNullable(
                            schema.getItems().getSchema().getRequired())
                    .orElse(List.of());
            if (keys.isEmpty() || !required.containsAll(keys)) {
                throw new IllegalStateException(owner.getSimpleName() + "." + property
                        + ": a map list needs keys, and every key must be a required item field; keys " + keys
                        + ", required " + required);
            }
            schema.setXKubernetesListMapKeys(keys);
        }
    }

    private record Member(AnnotatedElement annotated, Type type) {}

    private static Optional<Member> member(Class<?> type, String name) {
        if (type.isRecord()) {
            return Arrays.stream(type.getRecordComponents())
                    .filter(component -> component.getName().equals(name))
                    .findFirst()
                    .map(UnderlayCrdPostProcessor::member);
        }
        for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
            try {
                Field field = current.getDeclaredField(name);
                return Optional.of(new Member(field, field.getGenericType()));
            } catch (NoSuchFieldException notHere) {
                // look in the superclass
            }
        }
        return Optional.empty();
    }

    private static Member member(RecordComponent component) {
        return new Member(component, component.getGenericType());
    }

    private static Type elementType(Type listType) {
        if (listType instanceof ParameterizedType parameterized) {
            return parameterized.getActualTypeArguments()[0];
        }
        return Object.class;
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> clazz) {
            return clazz;
        }
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        return Object.class;
    }
}
