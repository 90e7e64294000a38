package dev.underlay.controller.cephpool;

import dev.underlay.api.v1alpha1.cephpool.CephPool;
import dev.underlay.controller.support.ownership.OwnerMarker;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.HashMap;
import java.util.Map;

/**
 * The ownership record of a Ceph pool: the annotation {@value #KEY} on the CephPool, holding the
 * {@link OwnerMarker.Owner} token (operator id/namespace/name). See package-info for why it lives on the CephPool.
 */
final class PoolClaim {

    static final String KEY = "underlay.dev/ceph-pool-owner";

    private PoolClaim() {}

    static OwnerMarker.Owner owner(CephPool pool, String operatorId) {
        return new OwnerMarker.Owner(
                operatorId,
                pool.getMetadata().getNamespace(),
                pool.getMetadata().getName(),
                pool.getMetadata().getUid());
    }

    static PoolOwnership ownership(CephPool pool, String operatorId) {
        Map<String, String> annotations = pool.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(KEY);
        return owner(pool, operatorId).token().equals(value) ? PoolOwnership.OWNED : PoolOwnership.UNCLAIMED;
    }

    /** Writes the claim (only the annotation: a patch of metadata, the spec is left to its owners). */
    static void claim(KubernetesClient client, CephPool pool, String operatorId) {
        String token = owner(pool, operatorId).token();
        client.resources(CephPool.class)
                .inNamespace(pool.getMetadata().getNamespace())
                .withName(pool.getMetadata().getName())
                .edit(current -> {
                    Map<String, String> annotations = current.getMetadata().getAnnotations() == null
                            ? new HashMap<>()
                            : new HashMap<>(current.getMetadata().getAnnotations());
                    annotations.put(KEY, token);
                    current.getMetadata().setAnnotations(annotations);
                    return current;
                });
    }
}
