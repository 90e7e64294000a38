package dev.underlay.controller.support;

import dev.underlay.api.v1alpha1.common.UnderlayStatus;
import dev.underlay.config.UnderlayConfig;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What every reconciler does before its own work: check the spec, then its prerequisites in order (a Secret, the
 * cluster gate), and while one is unmet write the conditions it names and come back after the waiting interval. A
 * spec that breaks a rule throws {@link InvalidSpecException}, which the error handler reports without retrying.
 *
 * <pre>{@code
 * Optional<UpdateControl<TalosNodeVM>> waiting = prelude.waitFor(vm, context, TalosNodeVMStatus::new,
 *         () -> TalosNodeVMSpecCheck.check(vm),
 *         Prerequisite.of(() -> machineConfigProblem(vm, context)),
 *         Prerequisite.of(() -> clusterGate.check(context, vm.getSpec().clusterRef()).blocking()));
 * if (waiting.isPresent()) {
 *     return waiting.get();
 * }
 * }</pre>
 */
@ApplicationScoped
public class ReconcilePrelude {

    @Inject
    ReadyStatusWriter statusWriter;

    @Inject
    UnderlayConfig config;

    /** The spec check of a kind: throws when the spec breaks a rule the API server could not check. */
    @FunctionalInterface
    public interface SpecCheck {
        void check() throws InvalidSpecException;
    }

    /** One prerequisite: empty when met, else the conditions to report while the resource waits for it. */
    @FunctionalInterface
    public interface Prerequisite {

        Optional<List<ConditionState>> unmet() throws Exception;

        /** A prerequisite whose unmet state is the Ready condition alone. */
        static Prerequisite of(ReadyBlocker blocker) {
            return () -> blocker.blocking().map(List::of);
        }
    }

    /** Why Ready is False while a prerequisite is unmet, or empty. */
    @FunctionalInterface
    public interface ReadyBlocker {
        Optional<ConditionState> blocking() throws Exception;
    }

    /**
     * @return the control to return (status written, rescheduled after the waiting interval) when a prerequisite is
     *     unmet; empty when the reconciler may go on
     */
    public <P extends CustomResource<?, S>, S extends UnderlayStatus> Optional<UpdateControl<P>> waitFor(
            P primary, Context<P> context, Supplier<S> emptyStatus, SpecCheck spec, Prerequisite... prerequisites)
            throws Exception {
        spec.check();
        for (Prerequisite prerequisite : prerequisites) {
            Optional<List<ConditionState>> unmet = prerequisite.unmet();
            if (unmet.isPresent()) {
                statusWriter.write(primary, context, emptyStatus, unmet.get());
                return Optional.of(UpdateControl.<P>noUpdate()
                        .rescheduleAfter(config.resync().waiting()));
            }
        }
        return Optional.empty();
    }
}
