package dev.underlay.api.v1alpha1.common;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How the API server treats a list field ({@code x-kubernetes-list-type}). The fabric8 generator has no annotation for
 * it, so the CRD generation's post-processor reads this one. A {@link Kind#map} list has unique keys, merges per item
 * and lets transition rules on an item compare it with the stored item of the same key.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface ListType {

    Kind value();

    /** The item fields that identify an item of a {@link Kind#map} list; each must be required. */
    String[] keys() default {};

    /** The Kubernetes list types, spelled as the API server spells them. */
    @SuppressWarnings("java:S115")
    enum Kind {
        atomic,
        set,
        map
    }
}
