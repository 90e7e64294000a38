package dev.underlay.controller.proxmoxcluster.maintenance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.logging.Log;

import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Cordon, drain and uncordon Kubernetes Nodes the way {@code kubectl drain} does: evictions through the Eviction
 * API, so PodDisruptionBudgets are respected (a 429 means wait), DaemonSet and mirror pods left in place.
 */
final class NodeDrainer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MIRROR_ANNOTATION = "kubernetes.io/config.mirror";

    private final KubernetesClient client;
    private final KubernetesClient evictions;

    NodeDrainer(KubernetesClient client) {
        this.client = client;
        // the client retries a 429 with backoff for minutes; a PDB refusal must come back at once (the next step
        // tries again), so evictions go through a client that does not retry
        this.evictions = client.newClient(
                        new RequestConfigBuilder(client.getConfiguration().getRequestConfig())
                                .withRequestRetryBackoffLimit(0)
                                .build())
                .adapt(KubernetesClient.class);
    }

    enum Cordon {
        /** This entry owns the cordon (now or from an earlier step). */
        OURS,
        /** Someone else cordoned the Node; it is drained but stays cordoned after maintenance. */
        SOMEONE_ELSES
    }

    /** Cordons for {@code owner}; the view gets the patched Node. */
    Cordon cordon(Node node, MaintenanceOwner owner, KubernetesView view) {
        Set<MaintenanceOwner> owners = CordonMarks.owners(node);
        if (owners.contains(owner) && CordonMarks.isCordoned(node)) {
            return Cordon.OURS;
        }
        if (CordonMarks.isCordoned(node) && owners.isEmpty()) {
            return Cordon.SOMEONE_ELSES;
        }
        Set<MaintenanceOwner> next = new LinkedHashSet<>(owners);
        next.add(owner);
        view.update(patch(node, true, CordonMarks.join(next)));
        Log.infof("Cordoned Kubernetes node %s for maintenance %s", name(node), owner);
        return Cordon.OURS;
    }

    /** Drops this entry's mark; uncordons when no other entry still needs the Node cordoned. */
    void release(Node node, MaintenanceOwner owner, KubernetesView view) {
        Set<MaintenanceOwner> owners = new LinkedHashSet<>(CordonMarks.owners(node));
        if (!owners.remove(owner)) {
            return;
        }
        if (owners.isEmpty()) {
            view.update(patch(node, null, null));
            Log.infof("Uncordoned Kubernetes node %s: maintenance %s ended", name(node), owner);
        } else {
            view.update(patch(node, true, CordonMarks.join(owners)));
            Log.infof(
                    "Kubernetes node %s stays cordoned for %s after maintenance %s ended",
                    name(node), CordonMarks.join(owners), owner);
        }
    }

    DrainProgress drain(String nodeName) {
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

    private Node patch(Node node, Boolean unschedulable, String owners) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode metadata = body.putObject("metadata");
        // a stale view must not overwrite another writer's marks: the API server checks the resourceVersion
        Optional.ofNullable(node.getMetadata().getResourceVersion())
                .ifPresent(rv -> metadata.put("resourceVersion", rv));
        ObjectNode annotations = metadata.putObject("annotations");
        if (owners == null) {
            annotations.putNull(CordonMarks.ANNOTATION);
        } else {
            annotations.put(CordonMarks.ANNOTATION, owners);
        }
        ObjectNode spec = body.putObject("spec");
        if (unschedulable == null) {
            spec.putNull("unschedulable");
        } else {
            spec.put("unschedulable", unschedulable);
        }
        return client.nodes().withName(name(node)).patch(PatchContext.of(PatchType.JSON_MERGE), body.toString());
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

    private static String name(Node node) {
        return node.getMetadata().getName();
    }
}
