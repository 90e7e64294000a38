package dev.underlay.embedded;

/** What applying one manifest did, for the startup log. */
public record AppliedObject(String kind, String namespace, String name, Outcome outcome) {

    public enum Outcome {
        CREATED,
        CONFIGURED
    }

    @Override
    public String toString() {
        return kind + " " + (namespace == null ? "" : namespace + "/") + name + " "
                + outcome.name().toLowerCase(java.util.Locale.ROOT);
    }
}
