package dev.underlay.embedded;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The resource a Kubernetes REST path addresses: {@code /api/v1/...} or {@code /apis/<group>/<version>/...},
 * optionally namespaced, optionally one object and one of its subresources. The path must not carry a query.
 */
record ResourcePath(String group, String version, String namespace, String resource, String name, String subresource) {

    static Optional<ResourcePath> parse(String path) {
        List<String> segments =
                new ArrayList<>(Arrays.asList(path.replaceAll("^/+|/+$", "").split("/")));
        String group;
        String version;
        if (segments.size() >= 3 && segments.get(0).equals("api")) {
            group = "";
            version = segments.get(1);
            segments = segments.subList(2, segments.size());
        } else if (segments.size() >= 4 && segments.get(0).equals("apis")) {
            group = segments.get(1);
            version = segments.get(2);
            segments = segments.subList(3, segments.size());
        } else {
            return Optional.empty();
        }
        String namespace = null;
        // "namespaces/<ns>/<resource>..." addresses a namespaced resource; "namespaces[/<ns>]" the Namespace kind
        // itself
        if (segments.get(0).equals("namespaces") && segments.size() >= 3) {
            namespace = segments.get(1);
            segments = segments.subList(2, segments.size());
        }
        if (segments.size() > 3) {
            return Optional.empty();
        }
        return Optional.of(new ResourcePath(
                group,
                version,
                namespace,
                segments.get(0),
                segments.size() > 1 ? segments.get(1) : null,
                segments.size() > 2 ? segments.get(2) : null));
    }

    boolean isCollection() {
        return name == null;
    }

    boolean isStatus() {
        return "status".equals(subresource);
    }

    /** The collection this object belongs to (where a create is POSTed). */
    String collectionPath() {
        return prefix() + "/" + resource;
    }

    String objectPath() {
        return collectionPath() + (name == null ? "" : "/" + name);
    }

    /** {@code <resource>.<group>} as the API server names a resource in its messages. */
    String qualifiedResource() {
        return group.isEmpty() ? resource : resource + "." + group;
    }

    private String prefix() {
        String base = group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
        return namespace == null ? base : base + "/namespaces/" + namespace;
    }
}
