package dev.underlay.simulator.pve.api;

import dev.underlay.simulator.pve.PveError;
import dev.underlay.simulator.pve.SimRequest;
import dev.underlay.simulator.pve.auth.Principal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated request as a handler sees it: parameters (path variables included, one string
 * each), the caller, and the simulator state.
 */
public record Call(SimContext ctx, Principal principal, Map<String, String> params, SimRequest request) {

    public String param(String name) {
        String v = params.get(name);
        if (v == null) {
            throw PveError.param(name, "property is missing and it is not optional");
        }
        return v;
    }

    public Optional<String> opt(String name) {
        return Optional.ofNullable(params.get(name));
    }

    public boolean flag(String name) {
        return "1".equals(params.get(name));
    }

    public boolean flag(String name, boolean fallback) {
        String v = params.get(name);
        return v == null ? fallback : "1".equals(v);
    }

    /** A list parameter ({@code delete}, {@code vmid}, ...): empty when absent. */
    public List<String> list(String name) {
        return csv(params.getOrDefault(name, ""));
    }

    /** PVE's list syntax, in parameters and stored options alike: split on commas, semicolons, blanks or NUL. */
    static List<String> csv(String value) {
        List<String> out = new ArrayList<>();
        for (String s : value.split("[,;\\s\\x00]+")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    public int intParam(String name) {
        return Integer.parseInt(param(name));
    }

    public String node() {
        return param("node");
    }

    public int vmid() {
        return intParam("vmid");
    }

    public void require(String aclPath, String privilege) {
        ctx.access().require(principal, aclPath, privilege);
    }
}
