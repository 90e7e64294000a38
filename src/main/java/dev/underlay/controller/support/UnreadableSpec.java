package dev.underlay.controller.support;

import dev.underlay.config.UnreadableSpecTolerance;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.List;

/** The first spec check of every kind: a spec that is missing, or that could not even be read. */
public final class UnreadableSpec {

    private UnreadableSpec() {}

    /** Throws InvalidSpec when the spec is absent, naming the reading error when that is why. */
    public static void requirePresent(HasMetadata resource, Object spec) throws InvalidSpecException {
        if (spec != null) {
            return;
        }
        String reason = UnreadableSpecTolerance.specError(resource)
                .map(error -> "spec could not be read (the API server did not enforce the CRD schema): " + error)
                .orElse("spec is missing");
        throw new InvalidSpecException(List.of(reason));
    }
}
