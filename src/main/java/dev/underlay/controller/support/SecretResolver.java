package dev.underlay.controller.support;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Secrets referenced by a controller's primaries: the watch that wakes a primary when a Secret it names appears,
 * changes or disappears, and the lookup that reads it from that watch's cache (no API call per reconcile).
 */
public final class SecretResolver {

    /** Name of the Secret event source in every controller that watches Secrets. */
    public static final String EVENT_SOURCE = "referenced-secrets";

    private static final String INDEX = "underlay.dev/secret-refs";

    private SecretResolver() {}

    /**
     * The Secret event source for prepareEventSources.
     *
     * @param secretNames the Secret names a primary references; must tolerate a missing or partial spec
     */
    public static <P extends HasMetadata> InformerEventSource<Secret, P> eventSource(
            EventSourceContext<P> context, Function<P, Set<String>> secretNames) {
        ReferenceIndex<P> index = ReferenceIndex.register(INDEX, context, secretNames);
        InformerEventSourceConfiguration<Secret> configuration = InformerEventSourceConfiguration.from(
                        Secret.class, context.getPrimaryResourceClass())
                .withName(EVENT_SOURCE)
                .withSecondaryToPrimaryMapper(index.referrers())
                .withNamespacesInheritedFromController()
                .build();
        return new InformerEventSource<>(configuration, context);
    }

    /** The named Secret in the primary's namespace, from the watch cache. */
    @SuppressWarnings("unchecked")
    public static <P extends HasMetadata> Optional<SecretContents> find(Context<P> context, String name) {
        InformerEventSource<Secret, P> secrets = (InformerEventSource<Secret, P>)
                context.eventSourceRetriever().getEventSourceFor(Secret.class, EVENT_SOURCE);
        String namespace = context.getPrimaryResource().getMetadata().getNamespace();
        return secrets.get(new ResourceID(name, namespace)).map(SecretContents::new);
    }
}
