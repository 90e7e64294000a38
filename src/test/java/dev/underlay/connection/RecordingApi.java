package dev.underlay.connection;

import dev.underlay.proxmox.ProxmoxApi;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A ProxmoxApi that answers every call with an empty value and remembers which methods reached it. */
final class RecordingApi {

    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    final ProxmoxApi api = (ProxmoxApi) Proxy.newProxyInstance(
            ProxmoxApi.class.getClassLoader(), new Class<?>[] {ProxmoxApi.class}, (proxy, method, args) -> {
                if (method.getDeclaringClass() == Object.class) {
                    return method.getName().equals("equals")
                            ? proxy == args[0]
                            : method.getName().equals("hashCode") ? 0 : "RecordingApi";
                }
                calls.add(method.getName());
                return emptyValue(method.getReturnType());
            });

    /** Arguments of the right types for any ProxmoxApi method: zero, false or null. */
    static Object[] arguments(Method method) {
        Object[] args = new Object[method.getParameterCount()];
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < args.length; i++) {
            args[i] = emptyValue(types[i]);
        }
        return args;
    }

    static Object emptyValue(Class<?> type) {
        if (type == int.class || type == long.class) {
            return type == int.class ? (Object) 0 : (Object) 0L;
        }
        if (type == boolean.class) {
            return false;
        }
        if (type == Optional.class) {
            return Optional.empty();
        }
        if (type == List.class) {
            return List.of();
        }
        if (type == Map.class) {
            return Map.of();
        }
        return null;
    }
}
