package dev.underlay.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Evaluates a CRD's {@code x-kubernetes-validations} rules the way the API server does, with the standard CEL
 * language only (no Kubernetes library functions):
 * <ul>
 * <li>a rule runs at its schema node, once per value present there ({@code self}); absent and {@code null} values are
 * not evaluated;</li>
 * <li>a transition rule (one that reads {@code oldSelf}) runs only on update and only where the stored object has a
 * value for the same node: object fields correlate by name, items of {@code map} lists by their keys, map values by
 * key; items of {@code atomic} and {@code set} lists do not correlate, so transition rules under them never run;</li>
 * <li>values are typed by the schema ({@code number} becomes double even when written as 1).</li>
 * </ul>
 * Rule variables are declared {@code dyn}: field names are not type-checked against the schema here.
 */
public final class CelRuleEvaluator {

    /** Where a rule sits: the kind, the schema path ({@code spec.disks[]}), its text and message. */
    public record RuleId(String kind, String schemaPath, String rule, String message) {
        @Override
        public String toString() {
            return kind + " " + schemaPath + " \"" + message + "\"";
        }
    }

    public enum Outcome {
        PASSED,
        FAILED,
        ERROR
    }

    /** One evaluation of one rule on one value. */
    public record RuleResult(RuleId rule, String instancePath, Outcome outcome, String detail) {
    }

    private record CompiledRule(CelRuntime.Program program, boolean transition) {
    }

    private final Cel cel = CelFactory.standardCelBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("self", SimpleType.DYN)
            .addVar("oldSelf", SimpleType.DYN)
            .build();

    private final Map<String, CompiledRule> compiled = new ConcurrentHashMap<>();

    /** Every rule of the CRD, in schema order. */
    public static List<RuleId> rulesOf(CrdCatalog.Crd crd) {
        List<RuleId> rules = new ArrayList<>();
        collectRules(crd.kind(), crd.schema(), "", rules);
        return rules;
    }

    private static void collectRules(String kind, JsonNode schema, String path, List<RuleId> rules) {
        for (JsonNode rule : schema.path("x-kubernetes-validations")) {
            rules.add(new RuleId(kind, path.isEmpty() ? "." : path, rule.path("rule").asText(), rule.path("message").asText()));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            collectRules(kind, property.getValue(), path.isEmpty() ? property.getKey() : path + "." + property.getKey(), rules);
        }
        if (schema.has("items")) {
            collectRules(kind, schema.get("items"), path + "[]", rules);
        }
        if (schema.path("additionalProperties").isObject()) {
            collectRules(kind, schema.get("additionalProperties"), path + "{}", rules);
        }
    }

    /** Whether the rule reads {@code oldSelf}, decided on its syntax tree as the API server does. */
    public boolean isTransitionRule(String rule) {
        return compile(rule).transition();
    }

    /** Parsed and checked syntax tree of a rule. */
    public CelAbstractSyntaxTree syntaxTree(String rule) {
        try {
            return cel.compile(rule).getAst();
        } catch (CelValidationException e) {
            throw new IllegalArgumentException("rule does not compile: " + rule + "\n" + e.getMessage(), e);
        }
    }

    /** Evaluates every rule of the CRD on {@code object}; {@code stored} is the old object of an update, or null. */
    public List<RuleResult> evaluate(CrdCatalog.Crd crd, JsonNode object, JsonNode stored) {
        List<RuleResult> results = new ArrayList<>();
        walk(crd.kind(), crd.schema(), object, stored, "", "", results);
        return results;
    }

    private void walk(String kind, JsonNode schema, JsonNode value, JsonNode old, String schemaPath, String instancePath,
                      List<RuleResult> results) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return;
        }
        JsonNode oldValue = old == null || old.isNull() || old.isMissingNode() ? null : old;
        for (JsonNode rule : schema.path("x-kubernetes-validations")) {
            RuleId id = new RuleId(kind, schemaPath.isEmpty() ? "." : schemaPath, rule.path("rule").asText(), rule.path("message").asText());
            CompiledRule compiledRule = compile(id.rule());
            if (compiledRule.transition() && oldValue == null) {
                continue;
            }
            results.add(run(id, compiledRule, schema, value, oldValue, instancePath.isEmpty() ? "/" : instancePath));
        }
        if (value.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> property = it.next();
                String name = property.getKey();
                walk(kind, property.getValue(), value.get(name), oldValue == null ? null : oldValue.get(name),
                        schemaPath.isEmpty() ? name : schemaPath + "." + name, instancePath + "/" + name, results);
            }
            if (schema.path("additionalProperties").isObject()) {
                value.fields().forEachRemaining(entry -> walk(kind, schema.get("additionalProperties"), entry.getValue(),
                        oldValue == null ? null : oldValue.get(entry.getKey()), schemaPath + "{}",
                        instancePath + "/" + entry.getKey(), results));
            }
        } else if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                JsonNode item = value.get(i);
                walk(kind, schema.get("items"), item, correlate(schema, oldValue, item), schemaPath + "[]", instancePath + "/" + i, results);
            }
        }
    }

    /** The stored item with the same map keys, for {@code map} lists only. */
    private static JsonNode correlate(JsonNode listSchema, JsonNode oldList, JsonNode item) {
        if (oldList == null || !oldList.isArray() || !"map".equals(listSchema.path("x-kubernetes-list-type").asText())) {
            return null;
        }
        for (JsonNode candidate : oldList) {
            boolean same = true;
            for (JsonNode key : listSchema.path("x-kubernetes-list-map-keys")) {
                same &= Objects.equals(candidate.get(key.asText()), item.get(key.asText()));
            }
            if (same) {
                return candidate;
            }
        }
        return null;
    }

    private RuleResult run(RuleId id, CompiledRule rule, JsonNode schema, JsonNode value, JsonNode old, String instancePath) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("self", toCel(value, schema));
        if (old != null) {
            variables.put("oldSelf", toCel(old, schema));
        }
        try {
            Object result = rule.program().eval(variables);
            if (!(result instanceof Boolean passed)) {
                return new RuleResult(id, instancePath, Outcome.ERROR, "rule returned " + result + ", not a bool");
            }
            return new RuleResult(id, instancePath, passed ? Outcome.PASSED : Outcome.FAILED, "");
        } catch (CelEvaluationException e) {
            return new RuleResult(id, instancePath, Outcome.ERROR, e.getMessage());
        }
    }

    private CompiledRule compile(String rule) {
        return compiled.computeIfAbsent(rule, text -> {
            CelAbstractSyntaxTree ast = syntaxTree(text);
            boolean transition = CelNavigableAst.fromAst(ast).getRoot().allNodes()
                    .anyMatch(node -> node.getKind() == CelExpr.ExprKind.Kind.IDENT && node.expr().ident().name().equals("oldSelf"));
            try {
                return new CompiledRule(cel.createProgram(ast), transition);
            } catch (CelEvaluationException e) {
                throw new IllegalArgumentException("rule cannot be planned: " + text, e);
            }
        });
    }

    /** Jackson tree to CEL value, typed by the schema where it says more than the JSON does. */
    static Object toCel(JsonNode value, JsonNode schema) {
        JsonNode itemSchema = schema == null ? null : schema.get("items");
        if (value.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            value.fields().forEachRemaining(entry -> {
                if (!entry.getValue().isNull()) {
                    JsonNode fieldSchema = schema == null ? null
                            : schema.path("properties").has(entry.getKey()) ? schema.path("properties").get(entry.getKey())
                            : schema.get("additionalProperties");
                    map.put(entry.getKey(), toCel(entry.getValue(), fieldSchema));
                }
            });
            return map;
        }
        if (value.isArray()) {
            List<Object> list = new ArrayList<>();
            value.forEach(item -> list.add(toCel(item, itemSchema)));
            return list;
        }
        if (value.isNumber()) {
            boolean number = schema != null && "number".equals(schema.path("type").asText());
            return number || value.isFloatingPointNumber() ? (Object) value.asDouble() : (Object) value.asLong();
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        return value.asText();
    }
}
