package dev.underlay.controller.support;

import dev.underlay.api.v1alpha1.common.ConditionReasons;
import dev.underlay.config.UnderlayConfig;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records core/v1 Events so that {@code kubectl describe} tells the story of a resource. One Event per Ready transition
 * (a change of status or of reason), never one per reconcile: Normal when the resource became Ready, Warning otherwise.
 * Best effort: a failed Event is logged and never fails the reconcile that caused it.
 */
@ApplicationScoped
public class EventPublisher {

    public static final String NORMAL = "Normal";
    public static final String WARNING = "Warning";
    /** The API server rejects longer Event messages. */
    static final int MAX_MESSAGE_LENGTH = 1024;

    private final AtomicLong lastNanos = new AtomicLong();

    @Inject
    KubernetesClient client;

    @Inject
    Clock clock;

    @Inject
    UnderlayConfig config;

    /** Publishes one Event if the Ready outcome (status or reason) differs from before; before may be null. */
    public void onReadyChange(HasMetadata resource, Condition before, Condition after) {
        if (after == null || Conditions.sameOutcome(before, after)) {
            return;
        }
        boolean fine = ConditionState.TRUE.equals(after.getStatus())
                || ConditionReasons.IN_PROGRESS.contains(after.getReason());
        String type = fine ? NORMAL : WARNING;
        publish(resource, type, after.getReason(), after.getMessage());
    }

    public void publish(HasMetadata resource, String type, String reason, String message) {
        String now = Conditions.timestamp(Instant.now(clock));
        Event event = new EventBuilder()
                .withNewMetadata()
                .withNamespace(resource.getMetadata().getNamespace())
                .withName(eventName(resource))
                .endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder()
                        .withApiVersion(resource.getApiVersion())
                        .withKind(resource.getKind())
                        .withNamespace(resource.getMetadata().getNamespace())
                        .withName(resource.getMetadata().getName())
                        .withUid(resource.getMetadata().getUid())
                        .withResourceVersion(resource.getMetadata().getResourceVersion())
                        .build())
                .withType(type)
                .withReason(reason)
                .withMessage(truncate(message))
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withCount(1)
                .withNewSource()
                .withComponent(config.operator().eventComponent())
                .endSource()
                .withReportingComponent(config.operator().eventComponent())
                .build();
        try {
            client.v1()
                    .events()
                    .inNamespace(event.getMetadata().getNamespace())
                    .resource(event)
                    .create();
            Log.debugf(
                    "Event %s %s on %s %s/%s",
                    type,
                    reason,
                    resource.getKind(),
                    resource.getMetadata().getNamespace(),
                    resource.getMetadata().getName());
        } catch (KubernetesClientException e) {
            Log.warnf(
                    "Could not record Event %s for %s %s/%s: %s",
                    reason,
                    resource.getKind(),
                    resource.getMetadata().getNamespace(),
                    resource.getMetadata().getName(),
                    e.getMessage());
        }
    }

    /**
     * kubectl's naming scheme, name.hex-nanos, with the nanos made strictly increasing: names never collide, even for
     * two Events within one clock tick, and sort in the order the Events were recorded.
     */
    private String eventName(HasMetadata resource) {
        Instant now = Instant.now(clock);
        long nowNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        long nanos = lastNanos.updateAndGet(previous -> Math.max(previous + 1, nowNanos));
        return resource.getMetadata().getName() + "." + Long.toHexString(nanos);
    }

    private static String truncate(String message) {
        if (message == null) {
            return "";
        }
        return message.length() <= MAX_MESSAGE_LENGTH ? message : message.substring(0, MAX_MESSAGE_LENGTH - 1) + "…";
    }
}
