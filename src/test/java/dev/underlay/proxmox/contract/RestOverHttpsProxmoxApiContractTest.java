package dev.underlay.proxmox.contract;

import dev.underlay.proxmox.AuthenticationException;
import dev.underlay.proxmox.NotFoundException;
import dev.underlay.proxmox.ProxmoxApi;
import dev.underlay.proxmox.model.BulkMigrateRequest;
import dev.underlay.proxmox.model.CephFlag;
import dev.underlay.proxmox.model.CreateVmRequest;
import dev.underlay.proxmox.model.DiskDevice;
import dev.underlay.proxmox.model.IsoUpload;
import dev.underlay.proxmox.model.NetDevice;
import dev.underlay.proxmox.model.TaskQuery;
import dev.underlay.proxmox.model.Upid;
import dev.underlay.proxmox.model.VmConfigChange;
import dev.underlay.proxmox.model.VmOptions;
import dev.underlay.proxmox.rest.PveClientFactory;
import dev.underlay.proxmox.rest.PveConnectionSettings;
import dev.underlay.simulator.pve.ManualClock;
import dev.underlay.simulator.pve.PveSimulator;
import dev.underlay.simulator.pve.PveVersion;
import dev.underlay.simulator.pve.SimulatedProxmoxApi;
import dev.underlay.simulator.pve.VmSeed;
import dev.underlay.simulator.pve.http.PveHttpServer;
import dev.underlay.simulator.pve.http.SelfSignedCertificate;
import dev.underlay.testing.DeployedCrds;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        PveConnectionSettings settings = PveConnectionSettings.of(
                        List.of(URI.create(server.baseUrl())), tokenId, tokenSecret)
                .withFingerprint(server.fingerprint())
                .withLimits(4, 10_000);
        return PveClientFactory.create(settings);
    }

    /**
     * The two facades must hand the simulator core identical requests, or the in-JVM one could pass where the wire
     * fails: the same script runs against two identical simulators (same seed, same manual clock) and their
     * journals are compared entry by entry.
     */
    @Test
    void bothFacadesHandTheCoreTheSameRequests(@TempDir Path dir) throws Exception {
        Path iso = Files.write(dir.resolve("boot.iso"), new byte[4096]);
        PveSimulator overHttps = scripted();
        PveSimulator inJvm = scripted();

        runScript(api(overHttps), overHttps, iso);
        runScript(SimulatedProxmoxApi.create(inJvm), inJvm, iso);

        List<String> expected = journal(overHttps);
        assertThat(expected).hasSizeGreaterThan(12);
        assertThat(journal(inJvm)).containsExactlyElementsOf(expected);
    }

    private static PveSimulator scripted() {
        return PveSimulator.builder()
                .version(PveVersion.PVE_9_1)
                .seed(5)
                .tokenSecret("facade-secret")
                .clock(new ManualClock(Instant.parse("2026-03-01T10:00:00Z")))
                .vm(VmSeed.of(101, N1).name("web").disk("scsi0", "vm-disks", 8))
                .build()
                .taskLatency(Duration.ZERO, Duration.ZERO);
    }

    private static void runScript(ProxmoxApi api, PveSimulator sim, Path iso) throws Exception {
        api.version();
        Upid created = api.createVm(
                N1,
                CreateVmRequest.of(
                        150,
                        VmOptions.builder()
                                .name("db")
                                .cores(2)
                                .disk("scsi0", DiskDevice.parse("vm-disks:4,discard=on"))
                                .net(0, NetDevice.virtio("vmbr0"))
                                .build()));
        api.taskStatus(created);
        api.updateVmConfig(
                N1,
                150,
                VmConfigChange.builder()
                        .set("description", "ä & b=c+d\nline")
                        .delete("net0")
                        .digest(api.vmConfig(N1, 150).digest())
                        .build());
        api.bulkMigrate(new BulkMigrateRequest(N2, List.of(101, 150), false, 2, null));
        api.taskLog(api.uploadIso(N1, "local", IsoUpload.iso(iso, "boot.iso")), 0, 10);
        api.storageContent(N1, "local", "iso", null);
        api.deleteVolume(N1, "local", "local:iso/boot.iso");
        api.permissions("/vms/101");
        api.nodeTasks(N1, new TaskQuery(150, "qmcreate", 5, 0L, "all", false));
        api.setCephFlags(Map.of(CephFlag.NOOUT, true, CephFlag.NOSCRUB, false));
        assertThatThrownBy(() -> api.deleteHaResource("vm:999", true)).isInstanceOf(NotFoundException.class);
        sim.faults().rejectPrincipal(TOKEN_ID, 401);
        assertThatThrownBy(api::clusterStatus).isInstanceOf(AuthenticationException.class);
    }

    private static List<String> journal(PveSimulator sim) {
        return sim.journal().entries().stream()
                .map(e -> e.method() + " " + e.path() + " " + new TreeMap<>(e.params()) + " " + e.principal() + " -> "
                        + e.status() + e.upid().map(u -> " " + u).orElse(""))
                .toList();
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
