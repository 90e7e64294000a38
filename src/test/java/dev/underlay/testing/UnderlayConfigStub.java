package dev.underlay.testing;

import dev.underlay.config.UnderlayConfig;
import io.smallrye.config.WithDefault;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An {@link UnderlayConfig} for plain unit tests: every value is the declared {@code @WithDefault}, except the ones a
 * test overrides by method name (e.g. {@code "backend" -> simulator}).
 */
public final class UnderlayConfigStub {

    private UnderlayConfigStub() {}

    public static UnderlayConfig of(Map<String, Object> overrides) {
        return stub(UnderlayConfig.class, overrides);
    }

    @SuppressWarnings("unchecked")
    private static <T> T stub(Class<T> type, Map<String, Object> overrides) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.getName().equals("toString")
                        ? type.getSimpleName() + "Stub"
                        : method.getName().equals("hashCode") ? 0 : proxy == args[0];
            }
            if (overrides.containsKey(method.getName())) {
                return overrides.get(method.getName());
            }
            return value(method, overrides);
        });
    }

    private static Object value(Method method, Map<String, Object> overrides) {
        Class<?> type = method.getReturnType();
        if (type.isInterface() && type.getName().startsWith(UnderlayConfig.class.getName())) {
            return stub(type, overrides);
        }
        WithDefault declared = method.getAnnotation(WithDefault.class);
        if (declared == null) {
            return type == Optional.class ? Optional.empty() : null;
        }
        String text = declared.value();
        if (type == Duration.class) {
            return Duration.parse("PT" + text.toUpperCase(Locale.ROOT));
        }
        if (type == int.class) {
            return Integer.parseInt(text);
        }
        if (type == double.class) {
            return Double.parseDouble(text);
        }
        if (type == boolean.class) {
            return Boolean.parseBoolean(text);
        }
        if (type.isEnum()) {
            return Enum.valueOf(type.asSubclass(Enum.class), text);
        }
        return text;
    }
}
