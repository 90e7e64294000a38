package dev.underlay.simulator.pve;

import dev.underlay.simulator.pve.http.PveHttpServer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator standalone over HTTPS until killed, printing plain {@code key=value} lines
 * (url, token, user, password, fingerprint, ca) that scripts and people can use right away.
 *
 * <p>Settings (system properties): {@code pve.port} (default 8006, 0 = free port),
 * {@code pve.version} (8.4 or 9.1, default 9.1), {@code pve.authDelayMs} (default 3000, as PVE),
 * {@code pve.tokenSecret} and {@code pve.rootPassword} (default: generated),
 * {@code pve.caOut} (also write the certificate to this path).
 */
public final class PveSimulatorMain {

    private PveSimulatorMain() {}

    public static void main(String[] args) throws Exception {
        PveHttpServer server = start(System.getProperties(), System.out);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            stop.countDown();
                        },
                        "pve-simulator-shutdown"));
        stop.await();
    }

    /** Builds the homelab simulator, serves it and prints the connection details to {@code out}. */
    static PveHttpServer start(Properties settings, PrintStream out) throws IOException {
        int port = Integer.parseInt(settings.getProperty("pve.port", "8006"));
        PveVersion version = PveVersion.parse(settings.getProperty("pve.version", "9.1"));
        PveSimulatorBuilder builder = PveSimulator.builder().version(version).seed(System.nanoTime());
        String secret = settings.getProperty("pve.tokenSecret");
        if (secret != null && !secret.isBlank()) {
            builder.tokenSecret(secret);
        }
        String password = settings.getProperty("pve.rootPassword");
        if (password != null && !password.isBlank()) {
            builder.rootPassword(password);
        }
        builder.iso("talos-metal-amd64.iso", 110L << 20);
        PveSimulator sim = builder.build()
                .authFailureDelay(Duration.ofMillis(Long.parseLong(settings.getProperty("pve.authDelayMs", "3000"))));
        PveHttpServer server = PveHttpServer.start(sim, port);
        Path ca = server.certificateFile();
        String caOut = settings.getProperty("pve.caOut");
        if (caOut != null && !caOut.isBlank()) {
            ca = Path.of(caOut).toAbsolutePath();
            if (ca.getParent() != null) {
                Files.createDirectories(ca.getParent());
            }
            Files.writeString(ca, server.certificatePem());
        }
        PveSimulator.SeedCredentials creds = sim.credentials();
        out.println("url=" + server.baseUrl());
        out.println("version=" + version.version());
        out.println("token=" + creds.tokenId() + "=" + creds.tokenSecret());
        out.println("token_id=" + creds.tokenId());
        out.println("token_secret=" + creds.tokenSecret());
        out.println("user=" + creds.rootUser());
        out.println("password=" + creds.rootPassword());
        out.println("fingerprint=" + server.fingerprint());
        out.println("ca=" + ca);
        out.println("ready=1");
        out.flush();
        return server;
    }
}
