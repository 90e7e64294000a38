package dev.underlay.proxmox.contract;

import dev.underlay.proxmox.ProxmoxApi;
import dev.underlay.proxmox.rest.PveClientFactory;
import dev.underlay.proxmox.rest.PveConnectionSettings;
import dev.underlay.simulator.pve.PveSimulator;
import dev.underlay.simulator.pve.http.PveHttpServer;
import dev.underlay.simulator.pve.http.SelfSignedCertificate;
import dev.underlay.testing.DeployedCrds;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import org.junit.jupiter.api.AfterAll;

import java.net.URI;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contract through the whole wire: {@code PveClientFactory} builds the Quarkus REST client, which pins the
 * simulator's self-signed certificate by its SHA-256 fingerprint and talks HTTPS to {@link PveHttpServer} on
 * 127.0.0.1, which hands the decoded request to the same simulator core. A {@code @QuarkusTest} because the REST
 * client needs ArC.
 */
@QuarkusTest
@WithKubernetesTestServer(setup = DeployedCrds.class)
class RestOverHttpsProxmoxApiContractTest extends ProxmoxApiContract {

    /** One key pair for every server of the suite: generating it is the slowest part of a server start. */
    private static final SelfSignedCertificate CERTIFICATE = SelfSignedCertificate.generate();

    private final Map<PveSimulator, PveHttpServer> servers = new IdentityHashMap<>();

    @Override
    protected ProxmoxApi connect(PveSimulator simulator, String tokenId, String tokenSecret) {
        PveHttpServer server = servers.computeIfAbsent(simulator, s -> PveHttpServer.start(s, 0, CERTIFICATE));
        PveConnectionSettings settings = PveConnectionSettings.of(List.of(URI.create(server.baseUrl())), tokenId,
                tokenSecret).withFingerprint(server.fingerprint()).withLimits(4, 10_000);
        return PveClientFactory.create(settings);
    }

    @AfterAll
    static void deleteCertificateFiles() {
        CERTIFICATE.delete();
    }

    @Override
    protected void releaseFacades() {
        servers.values().forEach(PveHttpServer::close);
        servers.clear();
    }
}
