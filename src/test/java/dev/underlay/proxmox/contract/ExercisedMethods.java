package dev.underlay.proxmox.contract;

import dev.underlay.proxmox.ProxmoxApi;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Which {@link ProxmoxApi} methods a contract suite really called, per suite class. Every api a suite hands out is
 * wrapped in a recording {@link Proxy}; the suite compares the record with the interface once all its tests ran, so
 * a method added to {@link ProxmoxApi} without a contract test fails the build.
 */
final class ExercisedMethods {

    private static final Map<Class<?>, Set<String>> CALLED = new ConcurrentHashMap<>();

    private ExercisedMethods() {}

    static ProxmoxApi recording(Class<?> suite, ProxmoxApi target) {
        Set<String> called = CALLED.computeIfAbsent(suite, s -> ConcurrentHashMap.newKeySet());
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return objectMethod(proxy, target, method, args);
            }
            called.add(signature(method));
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (ProxmoxApi)
                Proxy.newProxyInstance(ProxmoxApi.class.getClassLoader(), new Class<?>[] {ProxmoxApi.class}, handler);
    }

    /** Every method of {@link ProxmoxApi} (overloads apart) that no test of {@code suite} has called. */
    static Set<String> missing(Class<?> suite) {
        Set<String> called = CALLED.getOrDefault(suite, Set.of());
        return Arrays.stream(ProxmoxApi.class.getMethods())
                .filter(m -> !Modifier.isStatic(m.getModifiers()))
                .map(ExercisedMethods::signature)
                .filter(s -> !called.contains(s))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static String signature(Method method) {
        return method.getName()
                + Arrays.stream(method.getParameterTypes())
                        .map(Class::getSimpleName)
                        .collect(Collectors.joining(", ", "(", ")"));
    }

    private static Object objectMethod(Object proxy, ProxmoxApi target, Method method, Object[] args) {
        switch (method.getName()) {
            case "equals":
                return proxy == args[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            default:
                return "recording " + target;
        }
    }
}
