package dev.underlay.controller.support;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;

import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An index on the primary cache: which primaries reference an object of a given name in their own namespace. It turns
 * "this Secret (or ProxmoxCluster) changed" into "reconcile exactly the resources that point at it", from the cache,
 * with no API call and no wait for a resync. A referenced object that does not exist yet is indexed too, so creating it
 * wakes its referrers.
 */
public final class ReferenceIndex<P extends HasMetadata> {

    private final String name;
    private final EventSourceContext<P> context;

    private ReferenceIndex(String name, EventSourceContext<P> context) {
        this.name = name;
        this.context = context;
    }

    /**
     * Registers the index; must run in prepareEventSources, before the primary informer starts.
     *
     * @param referencedNames names a primary references (same namespace); must tolerate a missing or partial spec
     */
    public static <P extends HasMetadata> ReferenceIndex<P> register(
            String name, EventSourceContext<P> context, Function<P, Set<String>> referencedNames) {
        context.getPrimaryCache()
                .addIndexer(
                        name,
                        primary -> referencedNames.apply(primary).stream()
                                .map(referenced -> key(primary.getMetadata().getNamespace(), referenced))
                                .toList());
        return new ReferenceIndex<>(name, context);
    }

    /** Maps a changed object to the primaries that reference it. */
    public <R extends HasMetadata> SecondaryToPrimaryMapper<R> referrers() {
        return referenced -> {
            List<P> primaries = context.getPrimaryCache()
                    .byIndex(
                            name,
                            key(
                                    referenced.getMetadata().getNamespace(),
                                    referenced.getMetadata().getName()));
            return primaries.stream().map(ResourceID::fromResource).collect(Collectors.toSet());
        };
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }
}
