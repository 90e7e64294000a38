package dev.underlay.embedded;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The legacy (non-aggregated) discovery documents kubectl reads before any request: {@code /api},
 * {@code /api/v1}, {@code /apis}, {@code /apis/<group>} and {@code /apis/<group>/<version>}. kubectl 1.32 asks for
 * aggregated discovery first, but falls back to these when the response is plain {@code application/json}.
 */
final class DiscoveryDocuments {

    private final ResourceCatalog catalog;

    DiscoveryDocuments(ResourceCatalog catalog) {
        this.catalog = catalog;
    }

    ObjectNode coreVersions(String serverAddress) {
        ObjectNode doc = Json.object().put("kind", "APIVersions");
        doc.putArray("versions").add("v1");
        doc.putArray("serverAddressByClientCIDRs")
                .addObject()
                .put("clientCIDR", "0.0.0.0/0")
                .put("serverAddress", serverAddress);
        return doc;
    }

    ObjectNode groupList() {
        ObjectNode doc = Json.object().put("kind", "APIGroupList").put("apiVersion", "v1");
        ArrayNode groups = doc.putArray("groups");
        versionsByGroup().forEach((group, versions) -> fillGroup(groups.addObject(), group, versions));
        return doc;
    }

    Optional<ObjectNode> group(String group) {
        Set<String> versions = versionsByGroup().get(group);
        if (versions == null) {
            return Optional.empty();
        }
        ObjectNode doc = Json.object().put("kind", "APIGroup").put("apiVersion", "v1");
        fillGroup(doc, group, versions);
        return Optional.of(doc);
    }

    Optional<ObjectNode> resourceList(String group, String version) {
        List<ResourceType> types = catalog.inGroupVersion(group, version);
        if (types.isEmpty()) {
            return Optional.empty();
        }
        String groupVersion = types.get(0).groupVersion();
        ObjectNode doc = Json.object()
                .put("kind", "APIResourceList")
                .put("apiVersion", "v1")
                .put("groupVersion", groupVersion);
        ArrayNode resources = doc.putArray("resources");
        for (ResourceType type : types) {
            ObjectNode resource = resources
                    .addObject()
                    .put("name", type.plural())
                    .put("singularName", type.singular())
                    .put("namespaced", type.namespaced())
                    .put("kind", type.kind());
            ResourceType.VERBS.forEach(resource.putArray("verbs")::add);
            if (!type.shortNames().isEmpty()) {
                type.shortNames().forEach(resource.putArray("shortNames")::add);
            }
            if (!type.categories().isEmpty()) {
                type.categories().forEach(resource.putArray("categories")::add);
            }
            if (type.statusSubresource()) {
                ObjectNode status = resources
                        .addObject()
                        .put("name", type.plural() + "/status")
                        .put("singularName", "")
                        .put("namespaced", type.namespaced())
                        .put("kind", type.kind());
                List.of("get", "patch", "update").forEach(status.putArray("verbs")::add);
            }
        }
        return Optional.of(doc);
    }

    private Map<String, Set<String>> versionsByGroup() {
        Map<String, Set<String>> versions = new LinkedHashMap<>();
        for (ResourceType type : catalog.all()) {
            if (!type.group().isEmpty()) {
                versions.computeIfAbsent(type.group(), g -> new LinkedHashSet<>())
                        .add(type.version());
            }
        }
        return versions;
    }

    private static void fillGroup(ObjectNode node, String group, Set<String> versions) {
        node.put("name", group);
        ArrayNode list = node.putArray("versions");
        versions.forEach(
                v -> list.addObject().put("groupVersion", group + "/" + v).put("version", v));
        String preferred = versions.iterator().next();
        node.putObject("preferredVersion")
                .put("groupVersion", group + "/" + preferred)
                .put("version", preferred);
    }
}
