package dev.underlay.embedded;

import java.util.List;

/** A kind the embedded API server serves: what discovery advertises and how {@code kubectl get} prints it. */
record ResourceType(
        String group,
        String version,
        String kind,
        String plural,
        String singular,
        boolean namespaced,
        List<String> shortNames,
        List<String> categories,
        boolean statusSubresource,
        List<PrinterColumn> columns) {

    static final List<String> VERBS =
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

    String groupVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    boolean matches(String group, String version, String resource) {
        return this.group.equals(group) && this.version.equals(version) && plural.equals(resource);
    }
}
