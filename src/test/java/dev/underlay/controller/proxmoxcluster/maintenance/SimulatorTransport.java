package dev.underlay.controller.proxmoxcluster.maintenance;

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
 * The REST client's wire, short-circuited into the in-JVM simulator: every call still goes through PveRestApi's
 * encoding and error mapping and through the simulator's schema validation, without HTTP. Stands in for the
 * simulator facade another engineer is adding.
 */
final class SimulatorTransport implements PveTransport {

    private final PveSimulator simulator;

    SimulatorTransport(PveSimulator simulator) {
        this.simulator = simulator;
    }

    @Override
    public PveResponse exchange(PveRequest request) {
        String path = "/" + String.join("/", PveWire.segments(request.path()));
        Map<String, List<String>> params = new LinkedHashMap<>();
        request.params().entries()
                .forEach(e -> params.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        SimResponse response = simulator.handle(new SimRequest(request.method().name(), path, params,
                simulator.operatorToken()));
        return new PveResponse(response.status(), response.reasonPhrase(), response.bodyText());
    }
}
