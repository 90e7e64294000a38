package dev.underlay.controller.proxmoxcluster;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** Operator tests over real HTTPS: the REST backend against the simulator's HTTPS facade on 127.0.0.1. */
public class RestBackendClusters implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "underlay.backend",
                "rest",
                "underlay.resync.calm",
                "2s",
                "underlay.resync.busy",
                "1s",
                "underlay.resync.waiting",
                "2s",
                "underlay.proxmox.connect-timeout",
                "5s",
                "underlay.proxmox.read-timeout",
                "10s");
    }
}
