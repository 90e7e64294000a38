package dev.underlay.simulator.pve;

import dev.underlay.proxmox.rest.PveMethod;
import dev.underlay.proxmox.rest.PveParams;
import dev.underlay.proxmox.rest.PveRequest;
import dev.underlay.proxmox.rest.PveResponse;
import dev.underlay.proxmox.rest.PveUpload;
import dev.underlay.proxmox.rest.PveWire;
import dev.underlay.simulator.pve.journal.JournalEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The in-JVM transport builds the same simulator request as the HTTPS facade and handles answer delays on request. */
class SimulatorTransportTest {

    private static final String N1 = PveSimulatorBuilder.MS01_01;

    private final PveSimulator sim = PveSimulator.builder()
            .version(PveVersion.PVE_9_1)
            .vm(VmSeed.of(101, N1).name("web").disk("scsi0", "vm-disks", 4))
            .build()
            .taskLatency(Duration.ZERO, Duration.ZERO);

    @Test
    void decodesThePathAndKeepsRepeatedParametersInOrder() throws Exception {
        SimulatorTransport transport = SimulatorTransport.of(sim);
        String upid = sim.runBackupJob(createJob()).get(0);

        PveResponse status = transport.exchange(PveRequest.get(PveWire.path("nodes", N1, "tasks", upid, "status")));
        PveResponse migrate = transport.exchange(PveRequest.post(
                "/cluster/bulk-action/guest/migrate",
                PveParams.builder()
                        .add("target", "pve-aimax-01")
                        .add("vms", "101")
                        .add("vms", "102")
                        .build()));

        assertThat(status.status()).isEqualTo(200);
        assertThat(status.body()).contains("\"upid\":\"" + upid + "\"");
        List<JournalEntry> journal = sim.journal().entries();
        assertThat(journal.get(journal.size() - 2).path()).isEqualTo("/nodes/" + N1 + "/tasks/" + upid + "/status");
        assertThat(journal.get(journal.size() - 1).params()).containsEntry("vms", List.of("101", "102"));
        assertThat(migrate.status()).isEqualTo(200);
    }

    private String createJob() throws Exception {
        PveResponse created = SimulatorTransport.of(sim)
                .exchange(PveRequest.post(
                        "/cluster/backup",
                        PveParams.builder()
                                .add("id", "job-1")
                                .add("vmid", "101")
                                .add("storage", "nfs-backups")
                                .build()));
        assertThat(created.status()).isEqualTo(200);
        return "job-1";
    }

    @Test
    void uploadsPassTheFileNameAndSize(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("a.iso"), new byte[1234]);
        PveRequest upload = new PveRequest(
                PveMethod.POST,
                PveWire.path("nodes", N1, "storage", "local", "upload"),
                PveParams.builder().add("content", "iso").build(),
                new PveUpload(file, "talos.iso", null));

        PveResponse answer = SimulatorTransport.of(sim).exchange(upload);

        assertThat(answer.status()).isEqualTo(200);
        JournalEntry entry = sim.journal().entries().get(sim.journal().entries().size() - 1);
        assertThat(entry.params())
                .containsEntry("filename", List.of("talos.iso"))
                .containsEntry("content", List.of("iso"));
        long stored = sim.query(c -> c.model().volume(N1, "local:iso/talos.iso").orElseThrow().size);
        assertThat(stored).isEqualTo(1234L);
    }

    @Test
    void emptyBodyAnswersKeepTheirStatusAndReason() throws Exception {
        sim.faults().nodeOffline(N1);

        PveResponse answer = SimulatorTransport.of(sim).exchange(PveRequest.get(PveWire.path("nodes", N1, "status")));

        assertThat(answer.status()).isEqualTo(595);
        assertThat(answer.reasonPhrase()).contains("Connection refused");
        assertThat(answer.body()).isEmpty();
    }

    @Test
    void delaysAreIgnoredByDefaultAndHonouredOnRequest() throws Exception {
        sim.authFailureDelay(Duration.ofSeconds(30));
        sim.faults().latency("^/version$", Duration.ofMillis(300));
        SimulatorTransport wrongToken =
                SimulatorTransport.of(sim, Credentials.token(PveSimulatorBuilder.TOKEN_ID, "wrong"));

        long t0 = System.nanoTime();
        PveResponse refused = wrongToken.exchange(PveRequest.get("/cluster/status"));
        long ignoring = System.nanoTime() - t0;
        t0 = System.nanoTime();
        PveResponse held = SimulatorTransport.of(sim).honouringDelays().exchange(PveRequest.get("/version"));
        long honouring = System.nanoTime() - t0;

        assertThat(refused.status()).isEqualTo(401);
        assertThat(Duration.ofNanos(ignoring)).isLessThan(Duration.ofSeconds(30));
        assertThat(held.status()).isEqualTo(200);
        assertThat(Duration.ofNanos(honouring)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }
}
