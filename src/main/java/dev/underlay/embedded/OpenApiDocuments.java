package dev.underlay.embedded;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Just enough OpenAPI v3 for current kubectl: {@code kubectl apply} and {@code kubectl create -f} without
 * {@code --validate=false}, and {@code kubectl explain} of custom kinds. kubectl's default {@code --validate=strict}
 * first asks the OpenAPI document whether the server validates fields itself (a {@code fieldValidation} query
 * parameter on the kind's PATCH operation); if it does, kubectl sends {@code fieldValidation=Strict} and validates
 * nothing on its side. Every kind here declares that parameter. The embedded server accepts the parameter and, like
 * the CRUD store, validates nothing: schema and CEL rules are checked by the project's schema tests, not at runtime.
 * Custom kinds also have their CRD schema under {@code components}, which is where {@code kubectl explain} reads
 * field descriptions; built-in kinds have none. kubectl before 1.27 reads {@link OpenApiV2Document} instead.
 */
final class OpenApiDocuments {

    private final ResourceCatalog catalog;

    OpenApiDocuments(ResourceCatalog catalog) {
        this.catalog = catalog;
    }

    /** {@code /openapi/v3}: where each group version's document is, with a content hash for client caches. */
    ObjectNode root() {
        ObjectNode root = Json.object();
        ObjectNode paths = root.putObject("paths");
        groupVersions().forEach((key, types) -> {
            String hash = sha256(Json.write(document(types)));
            paths.putObject(key).put("serverRelativeURL", "/openapi/v3/" + key + "?hash=" + hash);
        });
        return root;
    }

    /** {@code /openapi/v3/api/v1} or {@code /openapi/v3/apis/<group>/<version>}. */
    Optional<ObjectNode> groupVersion(String key) {
        List<ResourceType> types = groupVersions().get(key);
        return types == null ? Optional.empty() : Optional.of(document(types));
    }

    private ObjectNode document(List<ResourceType> types) {
        ObjectNode doc = paths(types);
        ObjectNode schemas = doc.putObject("components").putObject("schemas");
        for (PublishedSchema schema : PublishedSchema.of(catalog)) {
            if (types.contains(schema.type())) {
                ObjectNode published = schema.v3Schema().deepCopy();
                published.set(PublishedSchema.GVK_EXTENSION, schema.groupVersionKind());
                schemas.set(schema.definitionName(), published);
            }
        }
        return doc;
    }

    private Map<String, List<ResourceType>> groupVersions() {
        Map<String, List<ResourceType>> byKey = new LinkedHashMap<>();
        for (ResourceType type : catalog.all()) {
            String key = type.group().isEmpty() ? "api/" + type.version() : "apis/" + type.groupVersion();
            byKey.computeIfAbsent(key, k -> catalog.inGroupVersion(type.group(), type.version()));
        }
        return byKey;
    }

    private static ObjectNode paths(List<ResourceType> types) {
        ObjectNode doc = Json.object().put("openapi", "3.0.0");
        doc.putObject("info")
                .put("title", "Underlay embedded Kubernetes API")
                .put("version", NonResourceEndpoints.KUBERNETES_VERSION);
        ObjectNode paths = doc.putObject("paths");
        for (ResourceType type : types) {
            String prefix = type.group().isEmpty() ? "/api/" + type.version() : "/apis/" + type.groupVersion();
            String path = prefix + (type.namespaced() ? "/namespaces/{namespace}/" : "/") + type.plural() + "/{name}";
            ObjectNode patch = paths.putObject(path).putObject("patch");
            patch.putObject("x-kubernetes-group-version-kind")
                    .put("group", type.group())
                    .put("version", type.version())
                    .put("kind", type.kind());
            patch.put("x-kubernetes-action", "patch");
            ArrayNode parameters = patch.putArray("parameters");
            parameters
                    .addObject()
                    .put("name", "fieldValidation")
                    .put("in", "query")
                    .putObject("schema")
                    .put("type", "string");
            patch.putObject("responses").putObject("200").put("description", "OK");
        }
        return doc;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
