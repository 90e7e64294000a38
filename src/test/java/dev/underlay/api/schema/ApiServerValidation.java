package dev.underlay.api.schema;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the API server does with a custom resource before it stores it, minus admission webhooks: apply schema
 * defaults (to the stored object too), validate the structural schema with strict field validation, check list types,
 * then evaluate the CEL rules (transition rules against the stored object on update). Like the API server, it skips
 * the CEL rules when a type, required, enum, maxLength or maxItems error shows the object lacks the shape the rules
 * were written for, and says so with {@link #RULES_SKIPPED}.
 */
public final class ApiServerValidation {

    /** Keyword of the violation that stands for "CEL rules not evaluated" (the API server's blocking-error case). */
    public static final String RULES_SKIPPED = "rules-skipped";

    static final String RULES_SKIPPED_MESSAGE =
            "some validation rules were not checked because the object was invalid; "
                    + "correct the existing errors to complete validation";

    private static final Set<String> BLOCKING_KEYWORDS =
            Set.of("type", "required", "enum", "maxLength", "maxItems", "maxProperties");

    private final CrdCatalog crds;
    private final CelRuleEvaluator cel = new CelRuleEvaluator();
    private final Map<String, OpenApiSchemaValidator> schemaValidators = new ConcurrentHashMap<>();

    public ApiServerValidation(CrdCatalog crds) {
        this.crds = crds;
    }

    public static ApiServerValidation deployed() {
        return new ApiServerValidation(CrdCatalog.deployed());
    }

    public CrdCatalog crds() {
        return crds;
    }

    public CelRuleEvaluator cel() {
        return cel;
    }

    /** The outcome of one request: every violation (empty when accepted) and every rule evaluation behind it. */
    public record Result(List<Violation> violations, List<CelRuleEvaluator.RuleResult> ruleResults) {
        public boolean accepted() {
            return violations.isEmpty();
        }
    }

    public Result create(ObjectNode object) {
        return validate(object, null);
    }

    public Result update(ObjectNode stored, ObjectNode object) {
        return validate(object, stored);
    }

    private Result validate(ObjectNode object, ObjectNode stored) {
        CrdCatalog.Crd crd = crds.byKind(object.path("kind").asText());
        if (!crd.apiVersion().equals(object.path("apiVersion").asText())) {
            throw new IllegalArgumentException(
                    "apiVersion " + object.path("apiVersion").asText() + " is not served for " + crd.kind());
        }
        ObjectNode defaulted = SchemaDefaults.apply(crd.schema(), object);
        ObjectNode storedDefaulted = stored == null ? null : SchemaDefaults.apply(crd.schema(), stored);
        List<Violation> violations = new ArrayList<>(schemaValidators
                .computeIfAbsent(crd.kind(), kind -> new OpenApiSchemaValidator(crd.schema()))
                .validate(defaulted));
        violations.addAll(ListTypeValidator.validate(crd.schema(), defaulted));
        if (violations.stream().anyMatch(v -> BLOCKING_KEYWORDS.contains(v.keyword()))) {
            violations.add(new Violation(RULES_SKIPPED, "/", RULES_SKIPPED_MESSAGE));
            return new Result(violations, List.of());
        }
        List<CelRuleEvaluator.RuleResult> results = cel.evaluate(crd, defaulted, storedDefaulted);
        for (CelRuleEvaluator.RuleResult result : results) {
            switch (result.outcome()) {
                case FAILED ->
                    violations.add(new Violation(
                            Violation.RULE, result.instancePath(), result.rule().message()));
                case ERROR ->
                    violations.add(new Violation(
                            Violation.RULE,
                            result.instancePath(),
                            "evaluation error in '" + result.rule().rule() + "': " + result.detail()));
                default -> {
                    // passed
                }
            }
        }
        return new Result(violations, results);
    }
}
