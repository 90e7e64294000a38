package dev.underlay.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Every kind the server serves right now: the built-ins plus each served version of each CRD in the store.
 * Recomputed on every lookup so that a CRD applied a moment ago shows up in discovery at once.
 */
final class ResourceCatalog {

    static final String CRD_LIST_PATH = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

    private final Supplier<JsonNode> storedCrds;

    /** @param storedCrds returns the store's CRD list document ({@code items} array) */
    ResourceCatalog(Supplier<JsonNode> storedCrds) {
        this.storedCrds = storedCrds;
    }

    /** A served version of a stored CRD with the {@code openAPIV3Schema} it declares (an empty object if none). */
    record CrdKind(ResourceType type, JsonNode openApiV3Schema) {}

    List<ResourceType> all() {
        List<ResourceType> types = new ArrayList<>(BuiltInResources.ALL);
        crdKinds().forEach(kind -> types.add(kind.type()));
        return types;
    }

    List<CrdKind> crdKinds() {
        List<CrdKind> kinds = new ArrayList<>();
        for (JsonNode item : storedCrds.get().path("items")) {
            kinds.addAll(kindsOf(item));
        }
        return kinds;
    }

    Optional<ResourceType> find(String group, String version, String resource) {
        return all().stream().filter(t -> t.matches(group, version, resource)).findFirst();
    }

    Optional<ResourceType> findKind(String apiVersion, String kind) {
        return all().stream()
                .filter(t -> t.groupVersion().equals(apiVersion) && t.kind().equals(kind))
                .findFirst();
    }

    List<ResourceType> inGroupVersion(String group, String version) {
        return all().stream()
                .filter(t -> t.group().equals(group) && t.version().equals(version))
                .toList();
    }

    private static List<CrdKind> kindsOf(JsonNode crdJson) {
        CustomResourceDefinition crd;
        try {
            crd = Json.MAPPER.treeToValue(crdJson, CustomResourceDefinition.class);
        } catch (JsonProcessingException e) {
            return List.of(); // a malformed CRD is served by nobody, as in a real cluster
        }
        var spec = crd.getSpec();
        if (spec == null || spec.getNames() == null || spec.getVersions() == null) {
            return List.of();
        }
        var names = spec.getNames();
        List<CrdKind> kinds = new ArrayList<>();
        for (CustomResourceDefinitionVersion version : spec.getVersions()) {
            if (Boolean.FALSE.equals(version.getServed())) {
                continue;
            }
            ResourceType type = new ResourceType(
                    spec.getGroup(),
                    version.getName(),
                    names.getKind(),
                    names.getPlural(),
                    Objects.requireNonNullElse(
                            names.getSingular(), names.getKind().toLowerCase(Locale.ROOT)),
                    !"Cluster".equals(spec.getScope()),
                    Objects.requireNonNullElse(names.getShortNames(), List.of()),
                    Objects.requireNonNullElse(names.getCategories(), List.of()),
                    version.getSubresources() != null
                            && version.getSubresources().getStatus() != null,
                    columnsOf(version));
            kinds.add(new CrdKind(type, rawSchemaOf(crdJson, version.getName())));
        }
        return kinds;
    }

    /**
     * The schema as stored, not as fabric8's model would write it back: the OpenAPI documents publish exactly what the
     * CRD declares.
     */
    private static JsonNode rawSchemaOf(JsonNode crdJson, String versionName) {
        for (JsonNode version : crdJson.path("spec").path("versions")) {
            if (version.path("name").asText().equals(versionName)) {
                JsonNode schema = version.path("schema").path("openAPIV3Schema");
                return schema.isObject() ? schema : Json.object();
            }
        }
        return Json.object();
    }

    /** Like the API server: the declared columns in CRD order, or a lone Age column when none are declared. */
    private static List<PrinterColumn> columnsOf(CustomResourceDefinitionVersion version) {
        List<CustomResourceColumnDefinition> declared = version.getAdditionalPrinterColumns();
        if (declared == null || declared.isEmpty()) {
            return List.of(PrinterColumn.age());
        }
        return declared.stream()
                .map(c -> new PrinterColumn(
                        c.getName(),
                        c.getType(),
                        c.getFormat(),
                        c.getDescription(),
                        Objects.requireNonNullElse(c.getPriority(), 0),
                        c.getJsonPath()))
                .toList();
    }
}
