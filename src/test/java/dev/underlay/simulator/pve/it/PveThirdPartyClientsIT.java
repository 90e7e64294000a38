package dev.underlay.simulator.pve.it;

import dev.underlay.simulator.pve.PveSimulator;
import dev.underlay.simulator.pve.PveVersion;
import dev.underlay.simulator.pve.http.PveHttpServer;
import dev.underlay.simulator.pve.journal.JournalEntry;
import dev.underlay.testing.ExternalTools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's {@code ansible} (community.general.proxmox_kvm) and {@code python3-proxmoxer} against
 * the simulator over HTTPS with certificate verification. Part of {@code ./mvnw verify} (failsafe);
 * needs {@code apt-get install ansible python3-proxmoxer python3-requests} ({@code .ci/install-deps}), and
 * skips without them except in CI. Each client run is bounded by a timeout.
 */
class PveThirdPartyClientsIT {

    private static final String NODE = "pve-ms01-01";
    private static final Duration CLIENT_TIMEOUT = Duration.ofMinutes(4);

    private static PveSimulator sim;
    private static PveHttpServer server;

    @TempDir
    static Path work;

    @BeforeAll
    static void start() {
        ExternalTools.require("ansible-playbook", "Debian package ansible");
        ExternalTools.requireThat(
                pythonModuleAvailable("proxmoxer"),
                "python3-proxmoxer is not installed for /usr/bin/python3 (Debian package python3-proxmoxer)");
        sim = PveSimulator.builder()
                .version(PveVersion.PVE_9_1)
                .build()
                .authFailureDelay(Duration.ofMillis(100))
                .taskLatency(Duration.ofMillis(50), Duration.ofMillis(300));
        server = PveHttpServer.start(sim, 0);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void ansibleProxmoxKvmWithToken() throws Exception {
        String secret = sim.credentials().tokenSecret();
        int exit = run(
                List.of(
                        "ansible-playbook",
                        "-i",
                        "localhost,",
                        "-c",
                        "local",
                        playbook(),
                        "-e",
                        "pve_host=" + hostPort(),
                        "-e",
                        "pve_node=" + NODE,
                        "-e",
                        "vmid=4301",
                        "-e",
                        "pve_user=underlay@pve",
                        "-e",
                        "pve_token_id=operator",
                        "-e",
                        "pve_token_secret=" + secret),
                "ansible-token");
        assertThat(exit).isZero();
        assertLifecycle(4301);
    }

    @Test
    void ansibleProxmoxKvmWithPassword() throws Exception {
        int exit = run(
                List.of(
                        "ansible-playbook",
                        "-i",
                        "localhost,",
                        "-c",
                        "local",
                        playbook(),
                        "-e",
                        "pve_host=" + hostPort(),
                        "-e",
                        "pve_node=" + NODE,
                        "-e",
                        "vmid=4302",
                        "-e",
                        "pve_user=root@pam",
                        "-e",
                        "pve_password=" + sim.credentials().rootPassword()),
                "ansible-password");
        assertThat(exit).isZero();
        assertLifecycle(4302);
        assertThat(sim.journal().matching(e -> e.path().equals("/access/ticket") && e.status() == 200))
                .isNotEmpty();
    }

    @Test
    void proxmoxer() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(
                "/usr/bin/python3",
                Path.of("src/it/proxmoxer/smoke.py").toAbsolutePath().toString());
        pb.environment().put("PVE_HOST", hostPort());
        pb.environment().put("PVE_NODE", NODE);
        pb.environment().put("PVE_VMID", "4303");
        pb.environment().put("PVE_TOKEN_ID", sim.credentials().tokenId());
        pb.environment().put("PVE_TOKEN_SECRET", sim.credentials().tokenSecret());
        assertThat(run(pb, "proxmoxer")).isZero();
        assertLifecycle(4303);
    }

    /** The simulator saw the create, start and delete of this guest, and never had to say "not implemented". */
    private static void assertLifecycle(int vmid) {
        List<JournalEntry> entries = sim.journal().entries();
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.method()).isEqualTo("POST");
            assertThat(e.path()).isEqualTo("/nodes/" + NODE + "/qemu");
            assertThat(e.params().get("vmid")).containsExactly(Integer.toString(vmid));
            assertThat(e.upid()).isPresent();
        });
        assertThat(entries)
                .anySatisfy(e -> assertThat(e.path()).isEqualTo("/nodes/" + NODE + "/qemu/" + vmid + "/status/start"));
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.method()).isEqualTo("DELETE");
            assertThat(e.path()).isEqualTo("/nodes/" + NODE + "/qemu/" + vmid);
        });
        assertThat(entries).noneSatisfy(e -> assertThat(e.status()).isIn(400, 501));
        boolean stillThere = sim.query(c -> c.model().vms.containsKey(vmid));
        assertThat(stillThere).isFalse();
    }

    private static boolean pythonModuleAvailable(String module) {
        if (!ExternalTools.isAvailable("/usr/bin/python3")) {
            return false;
        }
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import " + module)
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String hostPort() {
        return "127.0.0.1:" + server.port();
    }

    private static String playbook() {
        return Path.of("src/it/ansible/proxmox-kvm.yml").toAbsolutePath().toString();
    }

    private static int run(List<String> command, String name) throws IOException, InterruptedException {
        return run(new ProcessBuilder(command), name);
    }

    private static int run(ProcessBuilder pb, String name) throws IOException, InterruptedException {
        Map<String, String> env = pb.environment();
        env.put("REQUESTS_CA_BUNDLE", server.certificateFile().toString());
        env.remove("CURL_CA_BUNDLE");
        env.put("ANSIBLE_NOCOLOR", "1");
        env.put("ANSIBLE_PYTHON_INTERPRETER", "/usr/bin/python3");
        env.put("ANSIBLE_LOCALHOST_WARNING", "false");
        env.put("ANSIBLE_LOCAL_TEMP", work.resolve("ansible-tmp").toString());
        env.put("HOME", work.toString());
        Path log = work.resolve(name + ".log");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(CLIENT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(name + " did not finish within " + CLIENT_TIMEOUT + "\n" + Files.readString(log));
        }
        String output = Files.readString(log);
        System.out.println("---- " + name + " ----\n" + output);
        if (p.exitValue() != 0) {
            List<String> journal = new ArrayList<>();
            sim.journal().entries().forEach(e -> journal.add(e.method() + " " + e.path() + " -> " + e.status()));
            throw new AssertionError(name + " failed (exit " + p.exitValue() + "):\n" + output
                    + "\nsimulator journal:\n" + String.join("\n", journal));
        }
        return p.exitValue();
    }
}
