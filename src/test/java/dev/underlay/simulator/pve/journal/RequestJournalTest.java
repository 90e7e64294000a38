package dev.underlay.simulator.pve.journal;

import dev.underlay.simulator.pve.Credentials;
import dev.underlay.simulator.pve.PveVersion;
import dev.underlay.simulator.pve.SimFixture;
import dev.underlay.simulator.pve.SimRequest;
import dev.underlay.simulator.pve.VmSeed;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RequestJournalTest {

    @Test
    void recordsMethodPathParamsStatusUpidAndWhetherItMutated() {
        SimFixture f =
                new SimFixture(PveVersion.PVE_9_1, VmSeed.of(101, "pve-ms01-01").disk("scsi0", "vm-disks", 4));
        f.ok("GET", "/cluster/resources", "type", "vm");
        String upid = f.upid("POST", "/nodes/pve-ms01-01/qemu/101/status/start");
        f.call("GET", "/nodes/pve-ms01-01/qemu/999/config");

        List<JournalEntry> entries = f.sim.journal().entries();
        assertThat(entries).hasSize(3);
        JournalEntry read = entries.get(0);
        assertThat(read.method()).isEqualTo("GET");
        assertThat(read.path()).isEqualTo("/cluster/resources");
        assertThat(read.params()).containsEntry("type", List.of("vm"));
        assertThat(read.mutating()).isFalse();
        assertThat(read.at()).isEqualTo(SimFixture.START);
        assertThat(read.principal()).isEqualTo("underlay@pve!operator");
        JournalEntry start = entries.get(1);
        assertThat(start.mutating()).isTrue();
        assertThat(start.upid()).contains(upid);
        assertThat(entries.get(2).status()).isEqualTo(500);
        assertThat(f.sim.journal().count("POST", "/nodes/pve-ms01-01/qemu/101/status"))
                .isEqualTo(1);

        f.sim.journal().clear();
        assertThat(f.sim.journal().entries()).isEmpty();
    }

    @Test
    void secretsNeverReachTheJournal() {
        SimFixture f =
                new SimFixture(PveVersion.PVE_9_1, VmSeed.of(101, "pve-ms01-01").disk("scsi0", "vm-disks", 4));
        f.sim.handle(SimRequest.of(
                "POST", "/access/ticket", Credentials.NONE, "username", "root@pam", "password", "r00t-pass"));
        f.ok("PUT", "/nodes/pve-ms01-01/qemu/101/config", "cipassword", "hunter2", "ciuser", "talos");
        f.sim.handle(SimRequest.of("GET", "/version", Credentials.token("underlay@pve!operator", "s3cr3t-wrong")));

        String everything = f.sim.journal().entries().toString();
        assertThat(everything).doesNotContain("r00t-pass", "hunter2", "s3cr3t-token", "s3cr3t-wrong");
        JournalEntry login = f.sim.journal().entries().get(0);
        assertThat(login.params())
                .containsEntry("password", List.of(RequestJournal.REDACTED))
                .containsEntry("username", List.of("root@pam"));
        assertThat(f.sim.journal().entries().get(1).params())
                .containsEntry("cipassword", List.of(RequestJournal.REDACTED))
                .containsEntry("ciuser", List.of("talos"));
        assertThat(f.sim.credentials().toString()).doesNotContain("s3cr3t-token", "r00t-pass");
        assertThat(Credentials.token("a@b!c", "s3cr3t-token").toString()).doesNotContain("s3cr3t-token");
    }

    @Test
    void isBoundedToItsCapacity() {
        RequestJournal journal = new RequestJournal(3);
        for (int i = 0; i < 5; i++) {
            journal.record(Instant.EPOCH, "GET", "/p" + i, Map.of(), "u", 200, Optional.empty());
        }
        assertThat(journal.entries()).extracting(JournalEntry::path).containsExactly("/p2", "/p3", "/p4");
    }
}
