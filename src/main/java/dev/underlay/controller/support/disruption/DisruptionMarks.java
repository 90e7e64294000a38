package dev.underlay.controller.support.disruption;

import io.fabric8.kubernetes.api.model.Node;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the disruption marks on a Kubernetes Node. The annotation lists every holder that needs the Node out of
 * service; the operator uncordons only when the last of them is gone, and never a Node it did not cordon. The name
 * predates restarts sharing it and is kept, so marks written by earlier versions keep their meaning.
 */
public final class DisruptionMarks {

    public static final String ANNOTATION = "underlay.dev/cordoned-for";
    public static final String CONTROL_PLANE_LABEL = "node-role.kubernetes.io/control-plane";

    private DisruptionMarks() {}

    public static Set<DisruptionHolder> holders(Node node) {
        String value = annotations(node).get(ANNOTATION);
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        Set<DisruptionHolder> holders = new LinkedHashSet<>();
        for (String part : value.split(",")) {
            DisruptionHolder.parse(part.trim()).ifPresent(holders::add);
        }
        return holders;
    }

    static String join(Set<DisruptionHolder> holders) {
        return holders.stream().map(DisruptionHolder::value).sorted().collect(Collectors.joining(","));
    }

    public static boolean isCordoned(Node node) {
        return node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
    }

    public static boolean isReady(Node node) {
        return node.getStatus() != null
                && node.getStatus().getConditions() != null
                && node.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    public static boolean isControlPlane(Node node) {
        Map<String, String> labels = node.getMetadata().getLabels();
        return labels != null && labels.containsKey(CONTROL_PLANE_LABEL);
    }

    private static Map<String, String> annotations(Node node) {
        return Optional.ofNullable(node.getMetadata().getAnnotations()).orElse(Map.of());
    }
}
