package dev.underlay.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cel.common.ast.CelExpr;
import dev.underlay.api.schema.ApiServerValidation;
import dev.underlay.api.schema.CelRuleEvaluator;
import dev.underlay.api.schema.CelRuleEvaluator.RuleId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API server refuses a CRD whose rules have an unbounded estimated cost: what a rule iterates or compares must
 * have a size limit. For every rule this checks that each array on the way from the root to the rule has maxItems,
 * that each array the rule reads has maxItems (and maxLength on string items), and that each string it reads has
 * maxLength (or an enum). Objects a rule compares as a whole are checked field by field.
 */
class CelCostBoundsTest {

    private static final ApiServerValidation API_SERVER = ApiServerValidation.deployed();

    @Test
    void everyArrayAndStringARuleWalksIsBounded() {
        List<String> unbounded = new ArrayList<>();
        for (var crd : API_SERVER.crds().all()) {
            for (RuleId rule : CelRuleEvaluator.rulesOf(crd)) {
                JsonNode node = CelRuleEvaluator.schemaAt(crd, rule.schemaPath());
                String walked = "";
                JsonNode ancestor = crd.schema();
                for (String step : rule.schemaPath().replace("[]", ".[]").split("\\.")) {
                    if (step.isEmpty()) {
                        continue;
                    }
                    if (step.equals("[]")) {
                        if (!ancestor.has("maxItems")) {
                            unbounded.add(rule + ": enclosing list " + walked + " has no maxItems");
                        }
                        ancestor = ancestor.get("items");
                    } else {
                        ancestor = ancestor.path("properties").get(step);
                    }
                    walked = walked + "." + step;
                }
                Map<String, JsonNode> scope = new HashMap<>();
                scope.put("self", node);
                scope.put("oldSelf", node);
                CelExpr root = API_SERVER.cel().syntaxTree(crd, rule).getExpr();
                visit(root, scope, true, rule, unbounded);
            }
        }
        assertThat(unbounded).isEmpty();
    }

    @Test
    void theCheckFindsAnUnboundedStringAndList() {
        JsonNode schema = schema("""
                {"type": "object", "properties": {
                  "names": {"type": "array", "items": {"type": "string"}},
                  "bounded": {"type": "array", "maxItems": 4, "items": {"type": "string", "maxLength": 8}}}}""");
        List<String> unbounded = new ArrayList<>();
        Map<String, JsonNode> scope = Map.of("self", schema);
        RuleId rule = new RuleId("Test", "spec", "self.names.all(n, n in self.bounded)", "m");
        visit(CelRuleEvaluator.untypedSyntaxTree(rule.rule()).getExpr(), scope, true, rule, unbounded);
        assertThat(unbounded)
                .containsExactlyInAnyOrder(
                        "Test spec \"m\": self.names has no maxItems",
                        "Test spec \"m\": items of self.names have no maxLength",
                        "Test spec \"m\": n has no maxLength");
    }

    private static JsonNode schema(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Walks the rule; {@code read} says whether this expression's value is used (not just selected into). */
    private static void visit(
            CelExpr expr, Map<String, JsonNode> scope, boolean read, RuleId rule, List<String> unbounded) {
        switch (expr.getKind()) {
            case SELECT -> {
                if (read && !expr.select().testOnly()) {
                    checkBounded(resolve(expr, scope), describe(expr), rule, unbounded);
                }
                visit(expr.select().operand(), scope, false, rule, unbounded);
            }
            case IDENT -> {
                if (read) {
                    checkBounded(scope.get(expr.ident().name()), describe(expr), rule, unbounded);
                }
            }
            case COMPREHENSION -> {
                var comprehension = expr.comprehension();
                visit(comprehension.iterRange(), scope, true, rule, unbounded);
                JsonNode range = resolve(comprehension.iterRange(), scope);
                Map<String, JsonNode> inner = new HashMap<>(scope);
                inner.put(
                        comprehension.iterVar(),
                        range == null ? null : range.has("items") ? range.get("items") : stringKeys());
                inner.put(comprehension.accuVar(), null);
                visit(comprehension.accuInit(), inner, true, rule, unbounded);
                visit(comprehension.loopCondition(), inner, true, rule, unbounded);
                visit(comprehension.loopStep(), inner, true, rule, unbounded);
                visit(comprehension.result(), inner, true, rule, unbounded);
            }
            case CALL -> {
                expr.call().target().ifPresent(target -> visit(target, scope, true, rule, unbounded));
                expr.call().args().forEach(arg -> visit(arg, scope, true, rule, unbounded));
            }
            case LIST -> expr.list().elements().forEach(element -> visit(element, scope, true, rule, unbounded));
            default -> {
                // constants and other literals read nothing from the object
            }
        }
    }

    private static JsonNode stringKeys() {
        return schema("{\"type\": \"string\", \"maxLength\": 253}");
    }

    private static JsonNode resolve(CelExpr expr, Map<String, JsonNode> scope) {
        if (expr.getKind() == CelExpr.ExprKind.Kind.IDENT) {
            return scope.get(expr.ident().name());
        }
        if (expr.getKind() == CelExpr.ExprKind.Kind.SELECT) {
            JsonNode operand = resolve(expr.select().operand(), scope);
            if (operand == null) {
                return null;
            }
            JsonNode property = operand.path("properties").get(expr.select().field());
            return property != null ? property : operand.get("additionalProperties");
        }
        return null;
    }

    private static void checkBounded(JsonNode schema, String what, RuleId rule, List<String> unbounded) {
        if (schema == null) {
            return;
        }
        switch (schema.path("type").asText()) {
            case "array" -> {
                if (!schema.has("maxItems")) {
                    unbounded.add(rule + ": " + what + " has no maxItems");
                }
                JsonNode items = schema.path("items");
                if ("string".equals(items.path("type").asText()) && !items.has("maxLength") && !items.has("enum")) {
                    unbounded.add(rule + ": items of " + what + " have no maxLength");
                }
            }
            case "string" -> {
                if (!schema.has("maxLength") && !schema.has("enum")) {
                    unbounded.add(rule + ": " + what + " has no maxLength");
                }
            }
            case "object" -> {
                for (Iterator<Map.Entry<String, JsonNode>> it =
                                schema.path("properties").fields();
                        it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    checkBounded(field.getValue(), what + "." + field.getKey(), rule, unbounded);
                }
            }
            default -> {
                // numbers and booleans have a fixed size
            }
        }
    }

    private static String describe(CelExpr expr) {
        return switch (expr.getKind()) {
            case IDENT -> expr.ident().name();
            case SELECT ->
                describe(expr.select().operand()) + "." + expr.select().field();
            default -> "(expression)";
        };
    }
}
