package dev.underlay.api.schema;

/**
 * One reason the API server would reject an object.
 *
 * @param keyword the schema keyword that failed ({@code maximum}, {@code pattern}, {@code required},
 *                {@code x-kubernetes-list-type}, ...) or {@code rule} for an {@code x-kubernetes-validations} rule
 * @param path    JSON pointer of the offending value; for {@code required} and unknown fields, of the missing or
 *                unknown field itself
 * @param message the rule's message for {@code rule}; the validator's text otherwise
 */
public record Violation(String keyword, String path, String message) {

    public static final String RULE = "rule";

    @Override
    public String toString() {
        return keyword + " " + path + " \"" + message + "\"";
    }
}
