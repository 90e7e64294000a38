package dev.underlay.controller.support;

import dev.underlay.api.v1alpha1.common.ConditionReasons;
import dev.underlay.api.v1alpha1.common.ConditionTypes;
import dev.underlay.api.v1alpha1.common.UnderlayStatus;
import dev.underlay.config.UnderlayConfig;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What every controller's updateErrorStatus does. A permanent error (an invalid spec) becomes Ready=False/InvalidSpec
 * with no retry and one slow re-check, so bad input never loops hot; anything else is transient and goes back to
 * JOSDK's retry with backoff (configured per controller under quarkus.operator-sdk.controllers.&lt;name&gt;.retry).
 *
 * <p>The InvalidSpec status is written here through {@link ReadyStatusWriter} rather than handed to JOSDK with
 * {@code ErrorStatusUpdateControl.patchStatus}, so that, as for every other status write, it is skipped when unchanged
 * and its Event follows a successful write; JOSDK then only gets {@code noStatusUpdate().withNoRetry()}.
 */
@ApplicationScoped
public class ReconcileErrors {

    @Inject
    ReadyStatusWriter statusWriter;

    @Inject
    UnderlayConfig config;

    public <P extends CustomResource<?, S>, S extends UnderlayStatus> ErrorStatusUpdateControl<P> handle(
            P primary, Context<P> context, Exception error, Supplier<S> emptyStatus) {
        return handle(primary, context, error, emptyStatus, List.of());
    }

    /**
     * @param alsoOnInvalidSpec further conditions to set next to Ready when the spec is invalid
     */
    public <P extends CustomResource<?, S>, S extends UnderlayStatus> ErrorStatusUpdateControl<P> handle(
            P primary,
            Context<P> context,
            Exception error,
            Supplier<S> emptyStatus,
            List<ConditionState> alsoOnInvalidSpec) {
        String kind = primary.getKind();
        String namespace = primary.getMetadata().getNamespace();
        String name = primary.getMetadata().getName();
        Optional<InvalidSpecException> invalidSpec = invalidSpec(error);
        if (invalidSpec.isPresent()) {
            Log.warnf(
                    "%s %s/%s: invalid spec, not retrying until the spec changes: %s",
                    kind, namespace, name, invalidSpec.get().getMessage());
            List<ConditionState> conditions = new ArrayList<>();
            conditions.add(ConditionState.isFalse(
                    ConditionTypes.READY,
                    ConditionReasons.INVALID_SPEC,
                    invalidSpec.get().getMessage()));
            conditions.addAll(alsoOnInvalidSpec);
            statusWriter.write(primary, context, emptyStatus, conditions);
            return ErrorStatusUpdateControl.<P>noStatusUpdate()
                    .withNoRetry()
                    .rescheduleAfter(config.resync().invalidSpec());
        }
        int attempt = context.getRetryInfo().map(r -> r.getAttemptCount()).orElse(0);
        Log.warnf(
                "%s %s/%s: reconcile failed (attempt %d), retrying with backoff: %s",
                kind, namespace, name, attempt, error.toString());
        return ErrorStatusUpdateControl.defaultErrorProcessing();
    }

    /** JOSDK hands the reconciler's exception over wrapped (e.g. in an OperatorException by the metrics timer). */
    private static Optional<InvalidSpecException> invalidSpec(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof InvalidSpecException invalid) {
                return Optional.of(invalid);
            }
        }
        return Optional.empty();
    }
}
