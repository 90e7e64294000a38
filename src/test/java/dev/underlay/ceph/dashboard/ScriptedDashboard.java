package dev.underlay.ceph.dashboard;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link DashboardTransport} with scripted answers per "METHOD path" (without the query string), in order; the
 * last answer of a script repeats. Records every exchange it was sent.
 */
final class ScriptedDashboard implements DashboardTransport {

    private final Map<String, Deque<DashboardExchange.Answer>> scripts = new ConcurrentHashMap<>();
    private final List<DashboardExchange> sent = new ArrayList<>();

    ScriptedDashboard answer(String call, int status, String body) {
        scripts.computeIfAbsent(call, k -> new ArrayDeque<>()).add(new DashboardExchange.Answer(status, body));
        return this;
    }

    List<DashboardExchange> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    long count(String call) {
        return sent().stream().filter(e -> e.describe().equals(call)).count();
    }

    @Override
    public DashboardExchange.Answer send(DashboardExchange exchange) {
        synchronized (sent) {
            sent.add(exchange);
        }
        Deque<DashboardExchange.Answer> script = scripts.get(exchange.describe());
        if (script == null || script.isEmpty()) {
            return new DashboardExchange.Answer(404, "{\"detail\": \"not scripted: " + exchange.describe() + "\"}");
        }
        return script.size() > 1 ? script.poll() : script.peek();
    }
}
