package dev.underlay.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Fields a fabric8 model object did not recognise. The models keep unknown fields in
 * {@code additionalProperties} instead of failing, so a misspelt key in a template (say {@code readinessprobe})
 * would parse silently; this walk finds it.
 */
final class UnknownFields {

    private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";

    private UnknownFields() {}

    /** Each unknown field as "Kind/name.path.to.object [field]"; generic resources have no schema here. */
    static List<String> in(Manifests manifests) {
        List<String> found = new ArrayList<>();
        for (HasMetadata object : manifests.all()) {
            if (!(object instanceof GenericKubernetesResource)) {
                walk(object, object.getKind() + "/" + object.getMetadata().getName(), found);
            }
        }
        return found;
    }

    private static void walk(Object node, String path, List<String> found) {
        if (node instanceof Collection) {
            int index = 0;
            for (Object item : (Collection<?>) node) {
                walk(item, path + "[" + index++ + "]", found);
            }
        } else if (node instanceof Map) {
            ((Map<?, ?>) node).forEach((key, value) -> walk(value, path + "." + key, found));
        } else if (node != null && node.getClass().getName().startsWith(MODEL_PACKAGE)) {
            walkModel(node, path, found);
        }
    }

    private static void walkModel(Object node, String path, List<String> found) {
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0
                    || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value = invoke(getter, node);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map && !((Map<?, ?>) value).isEmpty()) {
                    found.add(path + " " + ((Map<?, ?>) value).keySet());
                }
            } else {
                String field = Character.toLowerCase(getter.getName().charAt(3))
                        + getter.getName().substring(4);
                walk(value, path + "." + field, found);
            }
        }
    }

    private static Object invoke(Method getter, Object node) {
        try {
            return getter.invoke(node);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + getter, e);
        }
    }
}
