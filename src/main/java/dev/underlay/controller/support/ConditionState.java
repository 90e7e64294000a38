package dev.underlay.controller.support;

import java.util.Objects;

/**
 * The desired value of one condition, before transition time and generation are stamped on it.
 *
 * @param type    condition type, e.g. Ready
 * @param status  True, False or Unknown
 * @param reason  CamelCase reason a person can act on
 * @param message human-readable detail; never carries a secret value
 */
public record ConditionState(String type, String status, String reason, String message) {

    public static final String TRUE = "True";
    public static final String FALSE = "False";
    public static final String UNKNOWN = "Unknown";

    public ConditionState {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        message = message == null ? "" : message;
    }

    public static ConditionState isTrue(String type, String reason, String message) {
        return new ConditionState(type, TRUE, reason, message);
    }

    public static ConditionState isFalse(String type, String reason, String message) {
        return new ConditionState(type, FALSE, reason, message);
    }

    public static ConditionState unknown(String type, String reason, String message) {
        return new ConditionState(type, UNKNOWN, reason, message);
    }

    public boolean isTrue() {
        return TRUE.equals(status);
    }
}
