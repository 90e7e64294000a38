package dev.underlay.testing;

import dev.underlay.api.v1alpha1.backuppolicy.BackupPolicy;
import dev.underlay.api.v1alpha1.cephpool.CephPool;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.api.v1alpha1.talosnodevm.TalosNodeVM;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What a person needs to see when an operator test fails: every Underlay resource in the test namespace with its
 * metadata (generation, finalizers, deletion) and status as the API server has them, then the namespace's Events in
 * order. Read as raw objects, so a resource the typed model cannot parse still shows up.
 */
public final class FailureDiagnostics {

    private static final List<Class<? extends HasMetadata>> KINDS =
            List.of(ProxmoxCluster.class, CephPool.class, TalosNodeVM.class, BackupPolicy.class);

    private FailureDiagnostics() {}

    public static String dump(KubernetesClient client, String namespace) {
        StringBuilder out =
                new StringBuilder("---- state of namespace ").append(namespace).append(" ----\n");
        try {
            for (Class<? extends HasMetadata> kind : KINDS) {
                List<GenericKubernetesResource> resources = client.genericKubernetesResources(
                                HasMetadata.getApiVersion(kind), HasMetadata.getKind(kind))
                        .inNamespace(namespace)
                        .list()
                        .getItems();
                for (GenericKubernetesResource resource : resources) {
                    out.append(resource.getKind())
                            .append(' ')
                            .append(resource.getMetadata().getName())
                            .append(" generation=")
                            .append(resource.getMetadata().getGeneration())
                            .append(" finalizers=")
                            .append(resource.getMetadata().getFinalizers())
                            .append(" deletionTimestamp=")
                            .append(resource.getMetadata().getDeletionTimestamp())
                            .append("\n  status: ")
                            .append(client.getKubernetesSerialization()
                                    .asJson(resource.getAdditionalProperties().getOrDefault("status", Map.of())))
                            .append('\n');
                }
            }
            client.v1().events().inNamespace(namespace).list().getItems().stream()
                    // the operator names Events name.<monotonic hex nanos>: name order is creation order per object
                    .sorted(Comparator.comparing((Event e) -> e.getMetadata().getName()))
                    .forEach(e -> out.append("event ")
                            .append(e.getType())
                            .append(' ')
                            .append(e.getReason())
                            .append(" on ")
                            .append(e.getInvolvedObject().getKind())
                            .append('/')
                            .append(e.getInvolvedObject().getName())
                            .append(": ")
                            .append(e.getMessage())
                            .append('\n'));
        } catch (RuntimeException e) {
            out.append("(could not read state: ").append(e).append(")\n");
        }
        return out.toString();
    }
}
