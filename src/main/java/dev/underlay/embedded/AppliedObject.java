package dev.underlay.embedded;

import java.util.Locale;

/** What applying one manifest did, for the startup log. */
public record AppliedObject(String kind, String namespace, String name, Outcome outcome) {

    public enum Outcome {
        CREATED,
        CONFIGURED
    }

    @Override
    public String toString() {
        return kind + " " + (namespace == null ? "" : namespace + "/") + name + " "
                + outcome.name().toLowerCase(Locale.ROOT);
    }
}
