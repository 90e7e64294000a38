package dev.underlay.testing;

import dev.underlay.api.v1alpha1.UnderlayApi;
import dev.underlay.api.v1alpha1.backuppolicy.BackupPolicy;
import dev.underlay.api.v1alpha1.cephpool.CephPool;
import dev.underlay.api.v1alpha1.common.ConditionTypes;
import dev.underlay.api.v1alpha1.common.UnderlayStatus;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.api.v1alpha1.talosnodevm.TalosNodeVM;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * Test resources as a user would write them (YAML), plus readers for what the operator wrote back. Every test works
 * in its own namespace so that tests cannot see each other's objects, Events or metrics.
 */
public final class Fixtures {

    public static final String TOKEN_ID = "underlay@pve!operator";
    /** A placeholder in the shape of a PVE token secret; not a real credential. */
    public static final String TOKEN_SECRET = "00000000-0000-4000-8000-000000000000";

    private static final AtomicInteger NAMESPACES = new AtomicInteger();
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Fixtures() {}

    public static String namespace(String purpose) {
        return purpose + "-" + NAMESPACES.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 1_000_000, 36);
    }

    public static ProxmoxCluster cluster(String namespace, String name, String credentialsSecret) {
        return parse(ProxmoxCluster.class, """
                apiVersion: %s
                kind: ProxmoxCluster
                metadata: {name: %s, namespace: %s}
                spec:
                  clusterName: homelab
                  endpoints: ["https://pve-1.invalid:8006"]
                  credentialsSecretRef: {name: %s}
                """.formatted(UnderlayApi.API_VERSION, name, namespace, credentialsSecret));
    }

    public static ProxmoxCluster clusterWithCa(
            String namespace, String name, String credentialsSecret, String caSecret) {
        return parse(ProxmoxCluster.class, """
                apiVersion: %s
                kind: ProxmoxCluster
                metadata: {name: %s, namespace: %s}
                spec:
                  endpoints: ["https://pve-1.invalid:8006"]
                  credentialsSecretRef: {name: %s}
                  tls: {caSecretRef: {name: %s}}
                """.formatted(
                        UnderlayApi.API_VERSION, name, namespace, credentialsSecret, caSecret));
    }

    public static CephPool pool(String namespace, String name, String cluster) {
        return parse(CephPool.class, """
                apiVersion: %s
                kind: CephPool
                metadata: {name: %s, namespace: %s}
                spec:
                  clusterRef: {name: %s}
                  size: 3
                  minSize: 2
                  pgNum: 128
                """.formatted(UnderlayApi.API_VERSION, name, namespace, cluster));
    }

    public static TalosNodeVM vm(String namespace, String name, String cluster, String machineConfigSecret) {
        return parse(TalosNodeVM.class, """
                apiVersion: %s
                kind: TalosNodeVM
                metadata: {name: %s, namespace: %s}
                spec:
                  clusterRef: {name: %s}
                  vmid: 101
                  node: pve-ms01-01
                  role: controlplane
                  memoryMiB: 16384
                  disks: [{slot: scsi0, storage: vm-disks, sizeGiB: 100}]
                  networks: [{slot: net0, bridge: vmbr0, vlan: 16}]
                  boot: {iso: "local:iso/talos-v1.9.0-nocloud-amd64.iso"}
                  talos: {machineConfigSecretRef: {name: %s}}
                """.formatted(
                        UnderlayApi.API_VERSION, name, namespace, cluster, machineConfigSecret));
    }

    public static BackupPolicy policy(String namespace, String name, String cluster) {
        return parse(BackupPolicy.class, """
                apiVersion: %s
                kind: BackupPolicy
                metadata: {name: %s, namespace: %s}
                spec:
                  clusterRef: {name: %s}
                  schedule: "02:00"
                  selector: {vmids: [101, 102, 103]}
                  storage: backups
                  retention: {keepDaily: 7}
                """.formatted(UnderlayApi.API_VERSION, name, namespace, cluster));
    }

    /** A resource exactly as written, for objects the typed model would refuse to build (the mock stores anything). */
    public static GenericKubernetesResource raw(String yaml) {
        return parse(GenericKubernetesResource.class, yaml);
    }

    public static Secret secret(String namespace, String name, Map<String, String> values) {
        Map<String, String> data = new LinkedHashMap<>();
        values.forEach((key, value) ->
                data.put(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
        return new SecretBuilder()
                .withNewMetadata()
                .withNamespace(namespace)
                .withName(name)
                .endMetadata()
                .withData(data)
                .build();
    }

    public static Secret tokenSecret(String namespace, String name) {
        return secret(namespace, name, Map.of("tokenId", TOKEN_ID, "tokenSecret", TOKEN_SECRET));
    }

    public static String testCaPem() {
        try (InputStream in = Fixtures.class.getResourceAsStream("/tls/test-ca.crt")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Ready condition as the API server has it now. */
    public static Optional<Condition> ready(KubernetesClient client, CustomResource<?, ?> resource) {
        return condition(client, resource, ConditionTypes.READY);
    }

    public static Optional<Condition> condition(KubernetesClient client, CustomResource<?, ?> resource, String type) {
        return status(client, resource)
                .flatMap(status -> status.getConditions().stream()
                        .filter(c -> type.equals(c.getType()))
                        .findFirst());
    }

    /** The status as the API server has it now. */
    public static Optional<UnderlayStatus> status(KubernetesClient client, CustomResource<?, ?> resource) {
        CustomResource<?, ?> current = fetch(client, resource);
        return Optional.ofNullable(current).map(r -> (UnderlayStatus) r.getStatus());
    }

    public static <R extends CustomResource<?, ?>> R fetch(KubernetesClient client, R resource) {
        @SuppressWarnings("unchecked")
        Class<R> type = (Class<R>) resource.getClass();
        return client.resources(type)
                .inNamespace(resource.getMetadata().getNamespace())
                .withName(resource.getMetadata().getName())
                .get();
    }

    /**
     * Edits a resource as a user would, retrying when the operator wrote its status or finalizer between our read and
     * our patch (the API server answers 409 then, and so does the mock). Bounded: a conflict that persists is a bug.
     */
    public static <R extends CustomResource<?, ?>> R edit(
            KubernetesClient client, R resource, UnaryOperator<R> change) {
        @SuppressWarnings("unchecked")
        Class<R> type = (Class<R>) resource.getClass();
        var named = client.resources(type)
                .inNamespace(resource.getMetadata().getNamespace())
                .withName(resource.getMetadata().getName());
        for (int attempt = 1; ; attempt++) {
            try {
                return named.edit(change);
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 10) {
                    throw e;
                }
            }
        }
    }

    public static String readyReason(KubernetesClient client, CustomResource<?, ?> resource) {
        return ready(client, resource).map(Condition::getReason).orElse(null);
    }

    /** Events recorded for one object, oldest first. */
    public static List<Event> events(KubernetesClient client, HasMetadata involved) {
        return client.v1().events().inNamespace(involved.getMetadata().getNamespace()).list().getItems().stream()
                .filter(e -> involved.getMetadata()
                                .getName()
                                .equals(e.getInvolvedObject().getName())
                        && involved.getKind().equals(e.getInvolvedObject().getKind()))
                // the operator names Events name.<monotonic hex nanos>, so name order is creation order
                .sorted((a, b) ->
                        a.getMetadata().getName().compareTo(b.getMetadata().getName()))
                .toList();
    }

    private static <T> T parse(Class<T> type, String yaml) {
        return SERIALIZATION.unmarshal(yaml, type);
    }
}
