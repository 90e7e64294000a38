package dev.underlay.simulator.pve.schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Matches concrete API paths against PVE path templates ({@code /nodes/{node}/qemu/{vmid}}).
 * A literal segment wins over a variable, as in PVE's RESTHandler. A trailing {@code {volume}}
 * may swallow the rest of the path because volume ids such as {@code local:iso/x.iso} contain
 * slashes that many clients do not encode.
 */
public final class PathTemplates {

    private final Node root = new Node();

    public void add(String template) {
        Node node = root;
        for (String segment : segments(template)) {
            if (segment.startsWith("{") && segment.endsWith("}")) {
                if (node.variable == null) {
                    node.variable = new Node();
                    node.variableName = segment.substring(1, segment.length() - 1);
                }
                node = node.variable;
            } else {
                node = node.literals.computeIfAbsent(segment, s -> new Node());
            }
        }
        node.template = template;
    }

    public Optional<Match> match(String path) {
        List<String> segs = segments(path);
        Map<String, String> vars = new LinkedHashMap<>();
        Node found = walk(root, segs, 0, vars);
        return found == null ? Optional.empty() : Optional.of(new Match(found.template, Map.copyOf(vars)));
    }

    private Node walk(Node node, List<String> segs, int i, Map<String, String> vars) {
        if (i == segs.size()) {
            return node.template != null ? node : null;
        }
        Node literal = node.literals.get(segs.get(i));
        if (literal != null) {
            Node r = walk(literal, segs, i + 1, vars);
            if (r != null) {
                return r;
            }
        }
        if (node.variable != null) {
            vars.put(node.variableName, segs.get(i));
            Node r = walk(node.variable, segs, i + 1, vars);
            if (r != null) {
                return r;
            }
            if ("volume".equals(node.variableName)
                    && node.variable.template != null
                    && node.variable.literals.isEmpty()) {
                vars.put(node.variableName, String.join("/", segs.subList(i, segs.size())));
                return node.variable;
            }
            vars.remove(node.variableName);
        }
        return null;
    }

    static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    /** A matched template and the values of its variables. */
    public record Match(String template, Map<String, String> variables) {}

    private static final class Node {
        final Map<String, Node> literals = new HashMap<>();
        Node variable;
        String variableName;
        String template;
    }
}
