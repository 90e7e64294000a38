package dev.underlay.connection;

import dev.underlay.observe.ClusterKey;
import dev.underlay.observe.ClusterSnapshot;
import dev.underlay.proxmox.ProxmoxApi;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The one decorator that keeps every controller from writing to a cluster without quorum: while the cluster's
 * latest snapshot is not quorate, or before any snapshot confirmed quorum, each mutating {@link ProxmoxApi} method
 * (per {@link ApiCalls}) throws {@link QuorumLostException} without calling through; reads always pass, so status
 * can still say why. A person would hold off the same way: PVE itself refuses most writes without quorum, but not
 * all of them fail cleanly, and a half-applied change is worse than none.
 */
public final class QuorumGate implements InvocationHandler {

    private final ClusterKey cluster;
    private final ProxmoxApi delegate;
    private final Supplier<Optional<ClusterSnapshot>> latest;
    private final BiConsumer<ClusterKey, String> onRefusal;

    private QuorumGate(
            ClusterKey cluster,
            ProxmoxApi delegate,
            Supplier<Optional<ClusterSnapshot>> latest,
            BiConsumer<ClusterKey, String> onRefusal) {
        this.cluster = cluster;
        this.delegate = delegate;
        this.latest = latest;
        this.onRefusal = onRefusal;
    }

    /**
     * @param latest    the cluster's latest snapshot, read at every mutating call
     * @param onRefusal told the method name of every refused call (metrics)
     */
    public static ProxmoxApi guard(
            ClusterKey cluster,
            ProxmoxApi delegate,
            Supplier<Optional<ClusterSnapshot>> latest,
            BiConsumer<ClusterKey, String> onRefusal) {
        return (ProxmoxApi) Proxy.newProxyInstance(
                ProxmoxApi.class.getClassLoader(),
                new Class<?>[] {ProxmoxApi.class},
                new QuorumGate(cluster, delegate, latest, onRefusal));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return objectMethod(proxy, method, args);
        }
        boolean mutating = ApiCalls.of(method).map(ApiCall::mutating).orElse(false);
        if (mutating) {
            Optional<String> closed = closedBecause();
            if (closed.isPresent()) {
                onRefusal.accept(cluster, method.getName());
                throw new QuorumLostException(
                        "ProxmoxCluster " + cluster + ": " + method.getName() + " not sent, " + closed.get());
            }
        }
        try {
            return method.invoke(delegate, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private Optional<String> closedBecause() {
        Optional<ClusterSnapshot> snapshot = latest.get();
        if (snapshot.isEmpty()) {
            return Optional.of("no snapshot has confirmed quorum yet");
        }
        if (!snapshot.get().isQuorate()) {
            return Optional.of(
                    "the cluster is not quorate (snapshot of " + snapshot.get().fetchedAt() + ")");
        }
        return Optional.empty();
    }

    private Object objectMethod(Object proxy, Method method, Object[] args) {
        switch (method.getName()) {
            case "equals":
                return proxy == args[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            default:
                return "QuorumGate[" + cluster + "]";
        }
    }
}
