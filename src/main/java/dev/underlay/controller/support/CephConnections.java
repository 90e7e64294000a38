package dev.underlay.controller.support;

import dev.underlay.api.v1alpha1.common.ConditionReasons;
import dev.underlay.api.v1alpha1.proxmoxcluster.CephAccessSpec;
import dev.underlay.api.v1alpha1.proxmoxcluster.CephDashboardSpec;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.ceph.CephApi;
import dev.underlay.ceph.OperationWait;
import dev.underlay.ceph.dashboard.DashboardCephApi;
import dev.underlay.ceph.dashboard.DashboardSettings;
import dev.underlay.ceph.pve.ProxmoxCephApi;
import dev.underlay.connection.ProxmoxConnections;
import dev.underlay.observe.ClusterKey;
import dev.underlay.observe.ClusterSnapshot;
import dev.underlay.proxmox.ProxmoxApi;
import dev.underlay.proxmox.model.NodeResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The {@link CephApi} of a ProxmoxCluster, chosen by its {@code spec.ceph.api}: Proxmox (default) goes through the
 * cluster's cached, quorum-gated {@link ProxmoxApi} ({@link ProxmoxConnections}) to a node that runs a monitor;
 * Dashboard talks to the Ceph manager with the username and password of {@code spec.ceph.dashboard.credentialsSecretRef}.
 * One client per cluster, rebuilt when what it was built from changes (the Proxmox client, the monitor node, the
 * Dashboard URL, TLS pin or the Secret's version).
 */
@ApplicationScoped
public class CephConnections {

    /** A controller thread waits at most this long for a Ceph operation; the next reconcile follows a longer one. */
    static final OperationWait WAIT = new OperationWait(Duration.ofSeconds(2), Duration.ofMillis(100));

    private record Built(Object identity, CephApi api) {}

    private final Map<ClusterKey, Built> open = new ConcurrentHashMap<>();

    @Inject
    ProxmoxConnections proxmox;

    @Inject
    KubernetesClient client;

    /** Why no client could be had, for a condition. */
    public static final class Unavailable extends Exception {
        public final String reason;

        public Unavailable(String reason, String message) {
            super(message);
            this.reason = reason;
        }
    }

    /** The Ceph client of {@code cluster}; {@code snapshot} (may be null) names a monitor node. */
    public CephApi api(ProxmoxCluster cluster, ClusterSnapshot snapshot) throws Unavailable {
        ClusterKey key = ClusterKey.of(cluster);
        CephAccessSpec access = cluster.getSpec().ceph();
        if (access != null && access.api() == CephAccessSpec.CephApiKind.Dashboard) {
            return dashboard(key, cluster, access.dashboard());
        }
        ProxmoxApi api = proxmox.api(key)
                .orElseThrow(() -> new Unavailable(
                        ConditionReasons.WAITING_FOR_SNAPSHOT,
                        "ProxmoxCluster " + cluster.getMetadata().getName() + " has not connected to Proxmox yet"));
        String node = monitorNode(snapshot);
        return cached(key, List.of(System.identityHashCode(api), node), () -> new ProxmoxCephApi(api, node, WAIT));
    }

    /** The Proxmox client of the cluster (storage registrations go through Proxmox whatever the Ceph backend). */
    public Optional<ProxmoxApi> proxmox(ProxmoxCluster cluster) {
        return proxmox.api(ClusterKey.of(cluster));
    }

    public void forget(ClusterKey key) {
        Built built = open.remove(key);
        if (built != null) {
            built.api().close();
        }
    }

    @PreDestroy
    void closeAll() {
        open.keySet().forEach(this::forget);
    }

    private CephApi dashboard(ClusterKey key, ProxmoxCluster cluster, CephDashboardSpec spec) throws Unavailable {
        String namespace = cluster.getMetadata().getNamespace();
        String secretName = spec.credentialsSecretRef().name();
        Secret secret =
                client.secrets().inNamespace(namespace).withName(secretName).get();
        if (secret == null) {
            throw new Unavailable(
                    ConditionReasons.CREDENTIALS_SECRET_MISSING,
                    "Ceph Dashboard credentials Secret " + secretName + " does not exist");
        }
        SecretContents contents = new SecretContents(secret);
        Optional<String> username = contents.text("username");
        Optional<String> password = contents.text("password");
        if (username.isEmpty() || password.isEmpty()) {
            throw new Unavailable(
                    ConditionReasons.CREDENTIALS_SECRET_INVALID,
                    "Ceph Dashboard credentials Secret " + secretName + " needs the keys username and password");
        }
        String fingerprint = spec.tls() == null ? null : spec.tls().fingerprintSha256();
        String caPem = null;
        if (spec.tls() != null && spec.tls().caSecretRef() != null) {
            Secret ca = client.secrets()
                    .inNamespace(namespace)
                    .withName(spec.tls().caSecretRef().name())
                    .get();
            caPem = ca == null
                    ? null
                    : new SecretContents(ca)
                            .text(spec.tls().caSecretRef().keyOr("ca.crt"))
                            .orElse(null);
            if (caPem == null) {
                throw new Unavailable(
                        ConditionReasons.SECRET_MISSING,
                        "the Ceph Dashboard CA Secret "
                                + spec.tls().caSecretRef().name() + " or its key is missing");
            }
        }
        DashboardSettings settings = DashboardSettings.of(URI.create(spec.url()), username.get(), password.get());
        if (fingerprint != null) {
            settings = settings.withFingerprint(fingerprint);
        } else if (caPem != null) {
            settings = settings.withCaPem(caPem);
        }
        DashboardSettings built = settings;
        return cached(
                key,
                List.of(spec.url(), contents.resourceVersion(), String.valueOf(fingerprint), String.valueOf(caPem)),
                () -> new DashboardCephApi(built, WAIT));
    }

    private CephApi cached(ClusterKey key, Object identity, Supplier<CephApi> factory) {
        Built[] replaced = new Built[1];
        Built built = open.compute(key, (k, current) -> {
            if (current != null && current.identity().equals(identity)) {
                return current;
            }
            replaced[0] = current;
            return new Built(identity, factory.get());
        });
        if (replaced[0] != null) {
            Log.infof("ProxmoxCluster %s: Ceph client rebuilt", key);
            replaced[0].api().close();
        }
        return built.api();
    }

    /**
     * PVE answers pool calls only on a node with a monitor; monitors are named after their node, so the first monitor
     * in quorum is one. Without Ceph status, the first online node.
     */
    public static String monitorNode(ClusterSnapshot snapshot) throws Unavailable {
        if (snapshot == null) {
            throw new Unavailable(ConditionReasons.WAITING_FOR_SNAPSHOT, "the cluster has not been observed yet");
        }
        Optional<String> monitor =
                snapshot.ceph().flatMap(ceph -> ceph.quorumNames().stream().findFirst());
        if (monitor.isPresent()) {
            return monitor.get();
        }
        return snapshot.nodes().stream()
                .filter(NodeResource::isOnline)
                .map(NodeResource::node)
                .findFirst()
                .orElseThrow(() -> new Unavailable(ConditionReasons.NODE_OFFLINE, "no online node to ask about Ceph"));
    }
}
