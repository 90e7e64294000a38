package dev.underlay.controller.support;

import java.util.List;

/**
 * A permanent error: the spec breaks a rule the API server should have enforced (a missing spec, a value out of range,
 * a cross-field rule). Retrying cannot fix it; only a spec edit can, and that starts a new reconcile by itself.
 */
public class InvalidSpecException extends Exception {

    private final List<String> violations;

    public InvalidSpecException(List<String> violations) {
        super(String.join("; ", violations));
        this.violations = List.copyOf(violations);
    }

    public List<String> violations() {
        return violations;
    }
}
