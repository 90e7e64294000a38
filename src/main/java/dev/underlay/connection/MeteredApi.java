package dev.underlay.connection;

import dev.underlay.metrics.PveCallMetrics;
import dev.underlay.observe.ClusterKey;
import dev.underlay.proxmox.ProxmoxApi;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Optional;

/** Counts and times every Proxmox call by path class ({@link ApiCalls}) and outcome. */
public final class MeteredApi implements InvocationHandler {

    private final ClusterKey cluster;
    private final ProxmoxApi delegate;
    private final PveCallMetrics metrics;

    private MeteredApi(ClusterKey cluster, ProxmoxApi delegate, PveCallMetrics metrics) {
        this.cluster = cluster;
        this.delegate = delegate;
        this.metrics = metrics;
    }

    public static ProxmoxApi measure(ClusterKey cluster, ProxmoxApi delegate, PveCallMetrics metrics) {
        return (ProxmoxApi) Proxy.newProxyInstance(
                ProxmoxApi.class.getClassLoader(),
                new Class<?>[] {ProxmoxApi.class},
                new MeteredApi(cluster, delegate, metrics));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return method.getName().equals("equals")
                    ? proxy == args[0]
                    : method.getName().equals("hashCode")
                            ? System.identityHashCode(proxy)
                            : "MeteredApi[" + cluster + "]";
        }
        Optional<ApiCall> call = ApiCalls.of(method);
        long start = System.nanoTime();
        Throwable failure = null;
        try {
            return method.invoke(delegate, args);
        } catch (InvocationTargetException e) {
            failure = e.getCause();
            throw failure;
        } finally {
            if (call.isPresent()) {
                metrics.call(cluster, call.get().pathClass(), failure, System.nanoTime() - start);
            }
        }
    }
}
