package dev.underlay.controller.support;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * Collects what is wrong with a spec, each entry naming the field and the rule. The CRD schema is the first line of
 * defence; this is the second, for objects a schema-less API server (the embedded mock, an old CRD) let through.
 */
public final class SpecViolations {

    private final List<String> violations = new ArrayList<>();

    public SpecViolations require(boolean condition, String violation) {
        if (!condition) {
            violations.add(violation);
        }
        return this;
    }

    /**
     * Adds the violation only if the value is present and fails the check; absent values are another rule's business.
     */
    public <T> SpecViolations whenPresent(T value, java.util.function.Predicate<T> check, Supplier<String> violation) {
        if (value != null && !check.test(value)) {
            violations.add(violation.get());
        }
        return this;
    }

    public SpecViolations inRange(Integer value, int min, int max, String field) {
        return whenPresent(
                value,
                v -> v >= min && v <= max,
                () -> field + " must be between " + min + " and " + max + " (got " + value + ")");
    }

    public SpecViolations addAll(Collection<String> more) {
        violations.addAll(more);
        return this;
    }

    public boolean isEmpty() {
        return violations.isEmpty();
    }

    public List<String> list() {
        return List.copyOf(violations);
    }

    /** Throws when anything was collected. */
    public void throwIfAny() throws InvalidSpecException {
        if (!violations.isEmpty()) {
            throw new InvalidSpecException(violations);
        }
    }
}
