package dev.underlay.controller.support.plan;

import java.time.Duration;
import java.util.Objects;

/**
 * What a planner decides for one reconcile: a pure function of spec, status and what was observed returns one of
 * these, and the reconciler acts on it. Waiting is a value, not an exception; the condition reason a person reads is
 * part of it (QuorumLost, VMLocked, TaskRunning, ...), the message is rendered for them.
 *
 * @param <A> the kind's action vocabulary (e.g. create, resize, start), a sealed type of its own
 */
public sealed interface Plan<A> permits Plan.Wait, Plan.Act, Plan.Done, Plan.Invalid {

    /** Nothing to do now; look again after {@code recheck} (the busy or waiting interval when null). */
    record Wait<A>(String reason, String message, Duration recheck) implements Plan<A> {
        public Wait {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }

    /** Do {@code action} now: one mutating step, whose task the next reconcile follows. */
    record Act<A>(A action) implements Plan<A> {
        public Act {
            Objects.requireNonNull(action, "action");
        }
    }

    /** Converged: observed matches desired. */
    record Done<A>() implements Plan<A> {}

    /** The spec cannot be carried out as written; no retry until it changes. */
    record Invalid<A>(String reason, String message) implements Plan<A> {
        public Invalid {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }

    static <A> Plan<A> waitFor(String reason, String message) {
        return new Wait<>(reason, message, null);
    }

    static <A> Plan<A> act(A action) {
        return new Act<>(action);
    }

    static <A> Plan<A> done() {
        return new Done<>();
    }

    static <A> Plan<A> invalid(String reason, String message) {
        return new Invalid<>(reason, message);
    }
}
