package dev.underlay.proxmox.contract;

import dev.underlay.proxmox.ProxmoxApi;
import dev.underlay.simulator.pve.Credentials;
import dev.underlay.simulator.pve.PveSimulator;
import dev.underlay.simulator.pve.SimulatedProxmoxApi;

/** The contract on the in-JVM facade: {@code PveRestApi} over {@code SimulatorTransport}, no HTTP. */
class InJvmProxmoxApiContractTest extends ProxmoxApiContract {

    @Override
    protected ProxmoxApi connect(PveSimulator simulator, String tokenId, String tokenSecret) {
        return SimulatedProxmoxApi.create(simulator, Credentials.token(tokenId, tokenSecret));
    }
}
