package dev.underlay.embedded;

import java.util.List;

/**
 * The non-custom kinds the embedded API server advertises: what the operator touches (Secrets, Events, Leases,
 * Nodes) and what a newcomer is likely to type. The CRUD store holds any kind; this list only feeds discovery,
 * which kubectl needs before it sends a request.
 */
final class BuiltInResources {

    static final List<ResourceType> ALL = List.of(
            core("Namespace", "namespaces", false, "ns"),
            core("ConfigMap", "configmaps", true, "cm"),
            core("Secret", "secrets", true),
            core("Event", "events", true, "ev"),
            core("Node", "nodes", false, "no"),
            core("Pod", "pods", true, "po"),
            core("Service", "services", true, "svc"),
            core("ServiceAccount", "serviceaccounts", true, "sa"),
            type("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", false,
                    List.of("crd", "crds")),
            type("coordination.k8s.io", "v1", "Lease", "leases", true, List.of()),
            type("events.k8s.io", "v1", "Event", "events", true, List.of("ev")),
            type("apps", "v1", "Deployment", "deployments", true, List.of("deploy")));

    private BuiltInResources() {
    }

    private static ResourceType core(String kind, String plural, boolean namespaced, String... shortNames) {
        return type("", "v1", kind, plural, namespaced, List.of(shortNames));
    }

    private static ResourceType type(String group, String version, String kind, String plural, boolean namespaced,
            List<String> shortNames) {
        return new ResourceType(group, version, kind, plural, kind.toLowerCase(java.util.Locale.ROOT), namespaced,
                shortNames, List.of(), false, List.of(PrinterColumn.age()));
    }
}
