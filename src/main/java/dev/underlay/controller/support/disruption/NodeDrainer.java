package dev.underlay.controller.support.disruption;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import io.quarkus.logging.Log;

import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Drains a Kubernetes Node the way {@code kubectl drain} does: evictions through the Eviction API, so
 * PodDisruptionBudgets are respected (a 429 means wait), DaemonSet and mirror pods left in place. Cordoning is the
 * {@link DisruptionBudget}'s: a Node is drained only once its holder has it.
 */
public final class NodeDrainer {

    private static final String MIRROR_ANNOTATION = "kubernetes.io/config.mirror";

    private final KubernetesClient client;
    private final KubernetesClient evictions;

    public NodeDrainer(KubernetesClient client) {
        this.client = client;
        // the client retries a 429 with backoff for minutes; a PDB refusal must come back at once (the next step
        // tries again), so evictions go through a client that does not retry
        this.evictions = client.newClient(
                        new RequestConfigBuilder(client.getConfiguration().getRequestConfig())
                                .withRequestRetryBackoffLimit(0)
                                .build())
                .adapt(KubernetesClient.class);
    }

    public DrainProgress drain(String nodeName) {
        List<Pod> pods = client.pods().inAnyNamespace().withField("spec.nodeName", nodeName).list().getItems().stream()
                .filter(p -> nodeName.equals(p.getSpec().getNodeName()))
                .filter(p -> !isDaemonSetPod(p) && !isMirrorPod(p))
                .toList();
        int evicted = 0;
        int terminating = 0;
        List<String> blocked = new ArrayList<>();
        for (Pod pod : pods) {
            if (pod.getMetadata().getDeletionTimestamp() != null) {
                terminating++;
                continue;
            }
            String ns = pod.getMetadata().getNamespace();
            String name = pod.getMetadata().getName();
            try {
                if (evictions.pods().inNamespace(ns).withName(name).evict()) {
                    evicted++;
                } else {
                    blocked.add(ns + "/" + name);
                }
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
                    throw e;
                }
            }
        }
        if (evicted > 0 || !blocked.isEmpty()) {
            Log.infof(
                    "Draining Kubernetes node %s: %d evicted, %d refused by a PodDisruptionBudget",
                    nodeName, evicted, blocked.size());
        }
        return new DrainProgress(pods.size(), evicted, blocked, terminating);
    }

    private static boolean isDaemonSetPod(Pod pod) {
        return pod.getMetadata().getOwnerReferences() != null
                && pod.getMetadata().getOwnerReferences().stream()
                        .anyMatch(o -> "DaemonSet".equals(o.getKind()) && Boolean.TRUE.equals(o.getController()));
    }

    private static boolean isMirrorPod(Pod pod) {
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        return annotations != null && annotations.containsKey(MIRROR_ANNOTATION);
    }
}
