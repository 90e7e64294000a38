package dev.underlay.controller.proxmoxcluster.ha;

import dev.underlay.proxmox.rest.PveRequest;
import dev.underlay.proxmox.rest.PveResponse;
import dev.underlay.proxmox.rest.PveTransport;
import dev.underlay.proxmox.rest.PveWire;
import dev.underlay.simulator.pve.PveSimulator;
import dev.underlay.simulator.pve.SimRequest;
import dev.underlay.simulator.pve.SimResponse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The REST client's wire straight into the simulator core, no HTTP: paths are decoded to raw segments, parameters
 * passed as they would be sent, and the operator token presented. Stand-in until a shared in-JVM facade exists.
 */
final class SimulatorTransport implements PveTransport {

    private final PveSimulator sim;

    SimulatorTransport(PveSimulator sim) {
        this.sim = sim;
    }

    @Override
    public PveResponse exchange(PveRequest request) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        request.params().entries().forEach(e -> params.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                .add(e.getValue()));
        String path = "/" + String.join("/", PveWire.segments(request.path()));
        SimResponse answer = sim.handle(new SimRequest(request.method().name(), path, params, sim.operatorToken()));
        return new PveResponse(answer.status(), answer.reasonPhrase(), answer.bodyText());
    }
}
