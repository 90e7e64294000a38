package dev.underlay.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** A multi-document YAML stream parsed by the fabric8 client into typed objects (generic where fabric8 has no model). */
final class Manifests {

    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final List<HasMetadata> objects;

    private Manifests(List<HasMetadata> objects) {
        this.objects = objects;
    }

    static Manifests parse(String yaml) {
        List<HasMetadata> objects = Arrays.stream(yaml.split("(?m)^---\\s*$"))
                .filter(Manifests::hasContent)
                .map(document -> (HasMetadata) SERIALIZATION.unmarshal(document))
                .collect(Collectors.toUnmodifiableList());
        return new Manifests(objects);
    }

    private static boolean hasContent(String document) {
        return document.lines().map(String::strip).anyMatch(line -> !line.isEmpty() && !line.startsWith("#"));
    }

    List<HasMetadata> all() {
        return objects;
    }

    <T extends HasMetadata> List<T> ofType(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toUnmodifiableList());
    }

    <T extends HasMetadata> T one(Class<T> type, String name) {
        List<T> matches = ofType(type).stream()
                .filter(o -> name.equals(o.getMetadata().getName()))
                .collect(Collectors.toUnmodifiableList());
        if (matches.size() != 1) {
            throw new AssertionError("expected exactly one " + type.getSimpleName() + " named " + name + " but found "
                    + matches.size() + " among " + describe());
        }
        return matches.get(0);
    }

    List<GenericKubernetesResource> generic(String kind) {
        return ofType(GenericKubernetesResource.class).stream()
                .filter(o -> kind.equals(o.getKind()))
                .collect(Collectors.toUnmodifiableList());
    }

    /** kind/name (namespace) of every object, for assertion messages and exact-set checks. */
    List<String> describe() {
        return objects.stream()
                .map(o -> o.getKind() + "/" + o.getMetadata().getName()
                        + (o.getMetadata().getNamespace() == null
                                ? ""
                                : " (" + o.getMetadata().getNamespace() + ")"))
                .collect(Collectors.toUnmodifiableList());
    }
}
