package dev.underlay.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.quarkus.kubernetes.client.KubernetesClientObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Keeps one badly typed Underlay resource from stopping a whole controller.
 *
 * <p>An API server without the CRD schema (the embedded mock, or a cluster with an outdated CRD) stores e.g.
 * {@code size: three}. Deserializing such an object inside an informer throws, fabric8 stops the watch, and the
 * controller goes blind for every resource of that kind. With this module an Underlay custom resource whose spec cannot
 * be read is delivered without a spec (and without status if that is unreadable too) and the reading error recorded,
 * in memory only, under
 * {@link #SPEC_ERROR} in its metadata; the controller then reports Ready=False/InvalidSpec with that error.
 */
@Singleton
public class UnreadableSpecTolerance implements KubernetesClientObjectMapperCustomizer {

    /** In-memory marker on ObjectMeta (never sent: no write of ours touches metadata with it in the diff). */
    public static final String SPEC_ERROR = "underlay.dev/unreadable-spec";

    private static final String API_PACKAGE = "dev.underlay.api.";

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("underlay-unreadable-spec").setDeserializerModifier(new Modifier()));
    }

    /** The recorded reading error of a resource's spec, if it had one. */
    public static Optional<String> specError(HasMetadata resource) {
        if (resource.getMetadata() == null || resource.getMetadata().getAdditionalProperties() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(
                        resource.getMetadata().getAdditionalProperties().get(SPEC_ERROR))
                .map(Object::toString);
    }

    private static final class Modifier extends BeanDeserializerModifier {
        @Override
        public JsonDeserializer<?> modifyDeserializer(
                DeserializationConfig config, BeanDescription description, JsonDeserializer<?> deserializer) {
            Class<?> type = description.getBeanClass();
            if (CustomResource.class.isAssignableFrom(type) && type.getName().startsWith(API_PACKAGE)) {
                return new Tolerant(deserializer);
            }
            return deserializer;
        }
    }

    private static final class Tolerant extends DelegatingDeserializer {

        Tolerant(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new Tolerant(newDelegatee);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode tree = context.readTree(parser);
            try {
                return read(tree, parser, context);
            } catch (JsonProcessingException error) {
                if (!(tree instanceof ObjectNode object) || !object.has("spec") && !object.has("status")) {
                    throw error;
                }
                HasMetadata resource = readWithout(object, parser, context);
                if (resource.getMetadata() != null) {
                    resource.getMetadata().setAdditionalProperty(SPEC_ERROR, describe(error));
                }
                return resource;
            }
        }

        /** Without the spec first (the status, ours, usually reads fine and is worth keeping), then without both. */
        private HasMetadata readWithout(ObjectNode object, JsonParser parser, DeserializationContext context)
                throws IOException {
            ObjectNode withoutSpec = object.deepCopy();
            withoutSpec.remove("spec");
            try {
                return (HasMetadata) read(withoutSpec, parser, context);
            } catch (JsonProcessingException statusUnreadableToo) {
                withoutSpec.remove("status");
                return (HasMetadata) read(withoutSpec, parser, context);
            }
        }

        private Object read(JsonNode tree, JsonParser original, DeserializationContext context) throws IOException {
            try (JsonParser parser = tree.traverse(original.getCodec())) {
                parser.nextToken();
                return _delegatee.deserialize(parser, context);
            }
        }

        /** "spec.size: Cannot deserialize value of type ..." with the JSON path a person can find in the YAML. */
        private static String describe(JsonProcessingException error) {
            String message = error.getOriginalMessage();
            String firstLine = message == null
                    ? error.getClass().getSimpleName()
                    : message.lines().findFirst().orElse("");
            if (error instanceof JsonMappingException mapping
                    && !mapping.getPath().isEmpty()) {
                String path = mapping.getPath().stream()
                        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                        .collect(Collectors.joining("."))
                        .replace(".[", "[");
                return path + ": " + firstLine;
            }
            return firstLine;
        }
    }
}
