package dev.underlay.embedded;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An equality-based field selector ({@code involvedObject.name=x,involvedObject.kind==TalosNodeVM,type!=Normal})
 * evaluated on stored JSON. The CRUD store understands only {@code metadata.name}; {@code kubectl describe} finds an
 * object's Events with {@code involvedObject.*} selectors, so the embedded server filters lists itself.
 */
final class FieldSelector {

    private record Requirement(String field, String value, boolean equal) {
        boolean matches(JsonNode object) {
            JsonNode node = object;
            for (String segment : field.split("\\.")) {
                node = node.path(segment);
            }
            String actual = node.isMissingNode() || node.isNull() ? "" : node.asText();
            return actual.equals(value) == equal;
        }
    }

    private final List<Requirement> requirements;

    private FieldSelector(List<Requirement> requirements) {
        this.requirements = requirements;
    }

    static FieldSelector parse(String selector) {
        List<Requirement> requirements = new ArrayList<>();
        for (String term : selector.split(",")) {
            String t = term.trim();
            if (t.isEmpty()) {
                continue;
            }
            int notEqual = t.indexOf("!=");
            if (notEqual >= 0) {
                requirements.add(new Requirement(t.substring(0, notEqual), t.substring(notEqual + 2), false));
                continue;
            }
            int equal = t.indexOf('=');
            if (equal < 0) {
                throw new IllegalArgumentException("invalid field selector term: " + t);
            }
            String value = t.substring(equal + 1);
            requirements.add(
                    new Requirement(t.substring(0, equal), value.startsWith("=") ? value.substring(1) : value, true));
        }
        return new FieldSelector(requirements);
    }

    /** The name a {@code metadata.name=x} selector (and nothing else) asks for: a watch on one object. */
    Optional<String> singleName() {
        if (requirements.size() == 1
                && requirements.get(0).equal()
                && requirements.get(0).field().equals("metadata.name")) {
            return Optional.of(requirements.get(0).value());
        }
        return Optional.empty();
    }

    boolean matches(JsonNode object) {
        return requirements.stream().allMatch(r -> r.matches(object));
    }
}
