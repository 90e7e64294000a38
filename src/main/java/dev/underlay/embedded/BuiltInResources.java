package dev.underlay.embedded;

import java.util.List;
import java.util.Locale;

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
            withColumns(
                    core("Event", "events", true, "ev"),
                    List.of(
                            new PrinterColumn(
                                    "Last Seen", "date", null, "When the event last happened.", 0, ".lastTimestamp"),
                            new PrinterColumn("Type", "string", null, "Normal or Warning.", 0, ".type"),
                            new PrinterColumn("Reason", "string", null, "Why the event happened.", 0, ".reason"),
                            new PrinterColumn(
                                    "Object", "string", null, "The object it is about.", 0, ".involvedObject.name"),
                            new PrinterColumn("Message", "string", null, "What happened.", 0, ".message"))),
            core("Node", "nodes", false, "no"),
            core("Pod", "pods", true, "po"),
            core("Service", "services", true, "svc"),
            core("ServiceAccount", "serviceaccounts", true, "sa"),
            type(
                    "apiextensions.k8s.io",
                    "v1",
                    "CustomResourceDefinition",
                    "customresourcedefinitions",
                    false,
                    List.of("crd", "crds")),
            type("coordination.k8s.io", "v1", "Lease", "leases", true, List.of()),
            type("events.k8s.io", "v1", "Event", "events", true, List.of("ev")),
            type("apps", "v1", "Deployment", "deployments", true, List.of("deploy")),
            type(AccessReviews.GROUP, "v1", "SelfSubjectRulesReview", "selfsubjectrulesreviews", false, List.of()),
            type(AccessReviews.GROUP, "v1", "SelfSubjectAccessReview", "selfsubjectaccessreviews", false, List.of()));

    private BuiltInResources() {}

    /** Events read best with what happened, as kubectl shows them from a real cluster. */
    private static ResourceType withColumns(ResourceType type, List<PrinterColumn> columns) {
        return new ResourceType(
                type.group(),
                type.version(),
                type.kind(),
                type.plural(),
                type.singular(),
                type.namespaced(),
                type.shortNames(),
                type.categories(),
                type.statusSubresource(),
                columns);
    }

    private static ResourceType core(String kind, String plural, boolean namespaced, String... shortNames) {
        return type("", "v1", kind, plural, namespaced, List.of(shortNames));
    }

    private static ResourceType type(
            String group, String version, String kind, String plural, boolean namespaced, List<String> shortNames) {
        return new ResourceType(
                group,
                version,
                kind,
                plural,
                kind.toLowerCase(Locale.ROOT),
                namespaced,
                shortNames,
                List.of(),
                false,
                List.of(PrinterColumn.age()));
    }
}
