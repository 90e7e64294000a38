package dev.underlay.api.schema;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The part of Kubernetes JSONPath that printer columns use, evaluated as kubectl's server-side table does: fields
 * ({@code .a.b}, {@code ['a.b']}), indexes ({@code [0]}, {@code [-1]}), wildcards ({@code [*]}) and filters comparing a
 * field with a literal ({@code [?(@.type=="Ready")]}, {@code !=}). Anything else is rejected when parsed, so a new
 * column with unsupported syntax fails its test instead of silently showing nothing.
 */
public final class KubeJsonPath {

    private sealed interface Step permits Field, Index, Wildcard, Filter {}

    private record Field(String name) implements Step {}

    private record Index(int index) implements Step {}

    private record Wildcard() implements Step {}

    private record Filter(List<String> field, boolean equal, String literal, boolean literalIsString) implements Step {}

    private final String expression;
    private final List<Step> steps;

    private KubeJsonPath(String expression, List<Step> steps) {
        this.expression = expression;
        this.steps = steps;
    }

    public static KubeJsonPath parse(String expression) {
        String body = expression.startsWith("{") && expression.endsWith("}")
                ? expression.substring(1, expression.length() - 1)
                : expression;
        List<Step> steps = new ArrayList<>();
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c == '.') {
                if (i + 1 < body.length() && body.charAt(i + 1) == '.') {
                    throw new IllegalArgumentException("recursive descent is not supported: " + expression);
                }
                int end = i + 1;
                while (end < body.length()
                        && (Character.isLetterOrDigit(body.charAt(end)) || "_-".indexOf(body.charAt(end)) >= 0)) {
                    end++;
                }
                if (end == i + 1) {
                    throw new IllegalArgumentException("empty field name at " + i + " in " + expression);
                }
                steps.add(new Field(body.substring(i + 1, end)));
                i = end;
            } else if (c == '[') {
                int end = closingBracket(body, i, expression);
                steps.add(bracket(body.substring(i + 1, end).trim(), expression));
                i = end + 1;
            } else {
                throw new IllegalArgumentException("unexpected '" + c + "' at " + i + " in " + expression);
            }
        }
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("empty JSONPath");
        }
        return new KubeJsonPath(expression, List.copyOf(steps));
    }

    private static int closingBracket(String body, int open, String expression) {
        char quote = 0;
        for (int i = open + 1; i < body.length(); i++) {
            char c = body.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == ']') {
                return i;
            }
        }
        throw new IllegalArgumentException("unclosed '[' in " + expression);
    }

    private static Step bracket(String inner, String expression) {
        if (inner.equals("*")) {
            return new Wildcard();
        }
        if (inner.matches("-?[0-9]+")) {
            return new Index(Integer.parseInt(inner));
        }
        if ((inner.startsWith("'") && inner.endsWith("'")) || (inner.startsWith("\"") && inner.endsWith("\""))) {
            return new Field(inner.substring(1, inner.length() - 1));
        }
        var filter = Pattern.compile("^\\?\\(@((?:\\.[A-Za-z0-9_-]+)+)\\s*(==|!=)\\s*(\"[^\"]*\"|'[^']*'|[^\\s)]+)\\)$")
                .matcher(inner);
        if (filter.matches()) {
            String literal = filter.group(3);
            boolean quoted = literal.startsWith("\"") || literal.startsWith("'");
            return new Filter(
                    List.of(filter.group(1).substring(1).split("\\.")),
                    filter.group(2).equals("=="),
                    quoted ? literal.substring(1, literal.length() - 1) : literal,
                    quoted);
        }
        throw new IllegalArgumentException("unsupported bracket expression [" + inner + "] in " + expression);
    }

    /** Every value the path reaches, in document order. */
    public List<JsonNode> find(JsonNode root) {
        List<JsonNode> current = List.of(root);
        for (Step step : steps) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : current) {
                apply(step, node, next);
            }
            current = next;
        }
        return current;
    }

    private static void apply(Step step, JsonNode node, List<JsonNode> out) {
        if (step instanceof Field field) {
            if (node.isObject() && node.has(field.name())) {
                out.add(node.get(field.name()));
            }
        } else if (step instanceof Index index) {
            if (node.isArray()) {
                int i = index.index() < 0 ? node.size() + index.index() : index.index();
                if (i >= 0 && i < node.size()) {
                    out.add(node.get(i));
                }
            }
        } else if (step instanceof Wildcard) {
            node.elements().forEachRemaining(out::add);
        } else if (step instanceof Filter filter && node.isArray()) {
            for (JsonNode item : node) {
                JsonNode value = item;
                for (String name : filter.field()) {
                    value = value.path(name);
                }
                boolean present = !value.isMissingNode() && !value.isNull();
                boolean same = present
                        && (filter.literalIsString()
                                ? value.isTextual() && value.asText().equals(filter.literal())
                                : !value.isTextual() && Objects.equals(value.asText(), filter.literal()));
                if (present && same == filter.equal()) {
                    out.add(item);
                }
            }
        }
    }

    @Override
    public String toString() {
        return expression;
    }
}
