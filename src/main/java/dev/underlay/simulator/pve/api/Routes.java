package dev.underlay.simulator.pve.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The endpoints the simulator implements, keyed by method and PVE path template. */
public final class Routes {

    /** Answers one call with the value of {@code data} (null node for {@code "data": null}). */
    @FunctionalInterface
    public interface Handler {
        JsonNode handle(Call call);
    }

    private final Map<String, Handler> handlers = new HashMap<>();

    public void get(String template, Handler h) {
        add("GET", template, h);
    }

    public void post(String template, Handler h) {
        add("POST", template, h);
    }

    public void put(String template, Handler h) {
        add("PUT", template, h);
    }

    public void delete(String template, Handler h) {
        add("DELETE", template, h);
    }

    public void add(String method, String template, Handler h) {
        if (handlers.putIfAbsent(method + " " + template, h) != null) {
            throw new IllegalStateException("duplicate route " + method + " " + template);
        }
    }

    public Optional<Handler> find(String method, String template) {
        return Optional.ofNullable(handlers.get(method + " " + template));
    }

    public int size() {
        return handlers.size();
    }

    /** "METHOD template" of every implemented endpoint. */
    public java.util.Set<String> keys() {
        return java.util.Set.copyOf(handlers.keySet());
    }
}
