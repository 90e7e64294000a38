package dev.underlay.controller.proxmoxcluster.maintenance;

import io.fabric8.kubernetes.api.model.Node;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the cordon marks on a Kubernetes Node. The annotation lists every maintenance entry that needs the Node
 * cordoned; the operator uncordons only when the last of them is gone, and never a Node it did not cordon.
 */
final class CordonMarks {

    static final String ANNOTATION = "underlay.dev/cordoned-for";
    static final String CONTROL_PLANE_LABEL = "node-role.kubernetes.io/control-plane";

    private CordonMarks() {}

    static Set<MaintenanceOwner> owners(Node node) {
        String value = annotations(node).get(ANNOTATION);
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        Set<MaintenanceOwner> owners = new LinkedHashSet<>();
        for (String part : value.split(",")) {
            MaintenanceOwner.parse(part.trim()).ifPresent(owners::add);
        }
        return owners;
    }

    static String join(Set<MaintenanceOwner> owners) {
        return owners.stream().map(MaintenanceOwner::value).sorted().collect(Collectors.joining(","));
    }

    static boolean isCordoned(Node node) {
        return node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
    }

    static boolean isReady(Node node) {
        return node.getStatus() != null
                && node.getStatus().getConditions() != null
                && node.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    static boolean isControlPlane(Node node) {
        Map<String, String> labels = node.getMetadata().getLabels();
        return labels != null && labels.containsKey(CONTROL_PLANE_LABEL);
    }

    private static Map<String, String> annotations(Node node) {
        return Optional.ofNullable(node.getMetadata().getAnnotations()).orElse(Map.of());
    }
}
