package dev.underlay.controller.support.disruption;

import java.util.List;

/**
 * One drain round on a Kubernetes Node.
 *
 * @param remaining pods that still had to leave when the round started (DaemonSet and mirror pods never count)
 * @param evicted   evictions the API server accepted in this round
 * @param blocked   pods whose eviction a PodDisruptionBudget refused (429), as namespace/name
 * @param terminating pods already on their way out
 */
public record DrainProgress(int remaining, int evicted, List<String> blocked, int terminating) {

    public DrainProgress {
        blocked = List.copyOf(blocked);
    }

    public static DrainProgress empty() {
        return new DrainProgress(0, 0, List.of(), 0);
    }

    public boolean drained() {
        return remaining == 0;
    }

    public String describe(String nodeName) {
        StringBuilder text = new StringBuilder("draining ")
                .append(nodeName)
                .append(": ")
                .append(remaining)
                .append(remaining == 1 ? " pod" : " pods")
                .append(" left");
        if (!blocked.isEmpty()) {
            text.append(", eviction refused by a PodDisruptionBudget for ").append(String.join(", ", blocked));
        }
        if (terminating > 0) {
            text.append(", ").append(terminating).append(" terminating");
        }
        return text.toString();
    }
}
