package dev.underlay.deploy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/** The values of a class's {@code static final String} fields: the vocabularies documentation must cover. */
final class StringConstants {

    private StringConstants() {}

    /** Those whose field names end with {@code suffix} ("" for all), package-private ones included. */
    static List<String> of(Class<?> type, String suffix) {
        List<String> values = new ArrayList<>();
        for (Field field : type.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isStatic(modifiers)
                    && Modifier.isFinal(modifiers)
                    && field.getType() == String.class
                    && field.getName().endsWith(suffix)) {
                field.setAccessible(true);
                try {
                    values.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return values;
    }
}
