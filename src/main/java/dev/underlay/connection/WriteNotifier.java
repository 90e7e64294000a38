package dev.underlay.connection;

import dev.underlay.observe.ClusterKey;
import dev.underlay.proxmox.ProxmoxApi;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Consumer;

/**
 * Tells {@code afterWrite} about every mutating {@link ProxmoxApi} call (per {@link ApiCalls}) that went through: the
 * snapshot store then asks the cluster controller for a snapshot now, so that whoever wrote (a TalosNodeVM that
 * created its VM, a pool, a job) sees the result within seconds instead of at the calm resync. Reads never notify,
 * so a calm cluster stays at one snapshot per calm interval.
 */
final class WriteNotifier implements InvocationHandler {

    private final ClusterKey cluster;
    private final ProxmoxApi delegate;
    private final Consumer<ClusterKey> afterWrite;

    private WriteNotifier(ClusterKey cluster, ProxmoxApi delegate, Consumer<ClusterKey> afterWrite) {
        this.cluster = cluster;
        this.delegate = delegate;
        this.afterWrite = afterWrite;
    }

    static ProxmoxApi notifying(ClusterKey cluster, ProxmoxApi delegate, Consumer<ClusterKey> afterWrite) {
        return (ProxmoxApi) Proxy.newProxyInstance(
                ProxmoxApi.class.getClassLoader(),
                new Class<?>[] {ProxmoxApi.class},
                new WriteNotifier(cluster, delegate, afterWrite));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "WriteNotifier[" + cluster + "]";
            };
        }
        Object result;
        try {
            result = method.invoke(delegate, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (ApiCalls.of(method).map(ApiCall::mutating).orElse(false)) {
            afterWrite.accept(cluster);
        }
        return result;
    }
}
