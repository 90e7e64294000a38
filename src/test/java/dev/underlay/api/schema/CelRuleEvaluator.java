package dev.underlay.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.types.CelType;
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
 * {@code self} and {@code oldSelf} are typed from the rule's schema node ({@link CelSchemaTypes}), so rules are
 * type-checked against the schema as the API server does when it accepts the CRD.
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
    public record RuleResult(RuleId rule, String instancePath, Outcome outcome, String detail) {}

    private record CompiledRule(CelRuntime.Program program, boolean transition) {}

    private final Map<String, CompiledRule> compiled = new ConcurrentHashMap<>();

    /** Every rule of the CRD, in schema order. */
    public static List<RuleId> rulesOf(CrdCatalog.Crd crd) {
        List<RuleId> rules = new ArrayList<>();
        collectRules(crd.kind(), crd.schema(), "", rules);
        return rules;
    }

    private static void collectRules(String kind, JsonNode schema, String path, List<RuleId> rules) {
        for (JsonNode rule : schema.path("x-kubernetes-validations")) {
            rules.add(new RuleId(
                    kind,
                    path.isEmpty() ? "." : path,
                    rule.path("rule").asText(),
                    rule.path("message").asText()));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it =
                        schema.path("properties").fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            collectRules(
                    kind,
                    property.getValue(),
                    path.isEmpty() ? property.getKey() : path + "." + property.getKey(),
                    rules);
        }
        if (schema.has("items")) {
            collectRules(kind, schema.get("items"), path + "[]", rules);
        }
        if (schema.path("additionalProperties").isObject()) {
            collectRules(kind, schema.get("additionalProperties"), path + "{}", rules);
        }
    }

    /** The schema node a rule sits at, from its schema path ({@code spec.disks[]}). */
    public static JsonNode schemaAt(CrdCatalog.Crd crd, String schemaPath) {
        JsonNode node = crd.schema();
        for (String step : schemaPath.replace("[]", ".[]").replace("{}", ".{}").split("\\.")) {
            if (step.isEmpty()) {
                continue;
            }
            node = switch (step) {
                case "[]" -> node.get("items");
                case "{}" -> node.get("additionalProperties");
                default -> node.path("properties").get(step);
            };
        }
        return node;
    }

    /** Whether the rule reads {@code oldSelf}, decided on its syntax tree as the API server does. */
    public boolean isTransitionRule(CrdCatalog.Crd crd, RuleId rule) {
        return compile(rule, schemaAt(crd, rule.schemaPath())).transition();
    }

    /** The rule parsed and type-checked against its schema node; fails when it would not compile in the API server. */
    public CelAbstractSyntaxTree syntaxTree(CrdCatalog.Crd crd, RuleId rule) {
        return checkedAst(rule, schemaAt(crd, rule.schemaPath()));
    }

    /** A rule parsed and checked with {@code self} and {@code oldSelf} as dyn, for rules outside a CRD. */
    public static CelAbstractSyntaxTree untypedSyntaxTree(String rule) {
        try {
            return celFor(SimpleType.DYN, null).compile(rule).getAst();
        } catch (CelValidationException e) {
            throw new IllegalArgumentException("rule does not compile: " + rule + "\n" + e.getMessage(), e);
        }
    }

    private static Cel celFor(CelType selfType, CelSchemaTypes types) {
        var builder = CelFactory.standardCelBuilder().setStandardMacros(CelStandardMacro.STANDARD_MACROS);
        if (types != null) {
            builder.setTypeProvider(types);
        }
        return builder.addVar("self", selfType).addVar("oldSelf", selfType).build();
    }

    private static CelAbstractSyntaxTree checkedAst(RuleId rule, JsonNode schema) {
        return checked(rule, schema).getValue();
    }

    /** The environment typed for the rule's node, and the rule checked in it. */
    private static Map.Entry<Cel, CelAbstractSyntaxTree> checked(RuleId rule, JsonNode schema) {
        CelSchemaTypes types = new CelSchemaTypes();
        CelType selfType = types.typeOf(schema, "underlay." + rule.kind() + "." + rule.schemaPath());
        Cel cel = celFor(selfType, types);
        try {
            return Map.entry(cel, cel.compile(rule.rule()).getAst());
        } catch (CelValidationException e) {
            throw new IllegalArgumentException(rule + " does not compile against its schema: " + e.getMessage(), e);
        }
    }

    /** Evaluates every rule of the CRD on {@code object}; {@code stored} is the old object of an update, or null. */
    public List<RuleResult> evaluate(CrdCatalog.Crd crd, JsonNode object, JsonNode stored) {
        List<RuleResult> results = new ArrayList<>();
        walk(crd.kind(), crd.schema(), object, stored, "", "", results);
        return results;
    }

    private void walk(
            String kind,
            JsonNode schema,
            JsonNode value,
            JsonNode old,
            String schemaPath,
            String instancePath,
            List<RuleResult> results) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return;
        }
        JsonNode oldValue = old == null || old.isNull() || old.isMissingNode() ? null : old;
        for (JsonNode rule : schema.path("x-kubernetes-validations")) {
            RuleId id = new RuleId(
                    kind,
                    schemaPath.isEmpty() ? "." : schemaPath,
                    rule.path("rule").asText(),
                    rule.path("message").asText());
            CompiledRule compiledRule = compile(id, schema);
            if (compiledRule.transition() && oldValue == null) {
                continue;
            }
            results.add(run(id, compiledRule, schema, value, oldValue, instancePath.isEmpty() ? "/" : instancePath));
        }
        if (value.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it =
                            schema.path("properties").fields();
                    it.hasNext(); ) {
                Map.Entry<String, JsonNode> property = it.next();
                String name = property.getKey();
                walk(
                        kind,
                        property.getValue(),
                        value.get(name),
                        oldValue == null ? null : oldValue.get(name),
                        schemaPath.isEmpty() ? name : schemaPath + "." + name,
                        instancePath + "/" + name,
                        results);
            }
            if (schema.path("additionalProperties").isObject()) {
                value.fields()
                        .forEachRemaining(entry -> walk(
                                kind,
                                schema.get("additionalProperties"),
                                entry.getValue(),
                                oldValue == null ? null : oldValue.get(entry.getKey()),
                                schemaPath + "{}",
                                instancePath + "/" + entry.getKey(),
                                results));
            }
        } else if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                JsonNode item = value.get(i);
                walk(
                        kind,
                        schema.get("items"),
                        item,
                        correlate(schema, oldValue, item),
                        schemaPath + "[]",
                        instancePath + "/" + i,
                        results);
            }
        }
    }

    /** The stored item with the same map keys, for {@code map} lists only. */
    private static JsonNode correlate(JsonNode listSchema, JsonNode oldList, JsonNode item) {
        if (oldList == null
                || !oldList.isArray()
                || !"map".equals(listSchema.path("x-kubernetes-list-type").asText())) {
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

    private RuleResult run(
            RuleId id, CompiledRule rule, JsonNode schema, JsonNode value, JsonNode old, String instancePath) {
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

    private CompiledRule compile(RuleId rule, JsonNode schema) {
        return compiled.computeIfAbsent(rule.kind() + " " + rule.schemaPath() + " " + rule.rule(), key -> {
            Map.Entry<Cel, CelAbstractSyntaxTree> checked = checked(rule, schema);
            CelAbstractSyntaxTree ast = checked.getValue();
            boolean transition = CelNavigableAst.fromAst(ast)
                    .getRoot()
                    .allNodes()
                    .anyMatch(node -> node.getKind() == CelExpr.ExprKind.Kind.IDENT
                            && node.expr().ident().name().equals("oldSelf"));
            try {
                return new CompiledRule(checked.getKey().createProgram(ast), transition);
            } catch (CelEvaluationException e) {
                throw new IllegalArgumentException("rule cannot be planned: " + rule, e);
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
                    JsonNode fieldSchema = schema == null
                            ? null
                            : schema.path("properties").has(entry.getKey())
                                    ? schema.path("properties").get(entry.getKey())
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
            boolean number =
                    schema != null && "number".equals(schema.path("type").asText());
            return number || value.isFloatingPointNumber() ? (Object) value.asDouble() : (Object) value.asLong();
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        return value.asText();
    }
}
