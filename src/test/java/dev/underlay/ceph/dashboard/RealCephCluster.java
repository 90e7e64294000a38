package dev.underlay.ceph.dashboard;

import dev.underlay.testing.ExternalTools;

import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway single-host Ceph started by {@code src/it/ceph/ceph-up.sh} (three memstore OSDs on 127.0.0.1, free
 * ports, all state in a temp dir) and stopped by {@code ceph-down.sh}, which kills only the daemons of its pid files.
 */
public final class RealCephCluster implements AutoCloseable {

    private static final Duration UP_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration DOWN_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration CLI_TIMEOUT = Duration.ofMinutes(1);
    private static final Path SCRIPTS = Path.of("src/it/ceph").toAbsolutePath();

    private final Path dir;
    private final Properties properties;

    private RealCephCluster(Path dir, Properties properties) {
        this.dir = dir;
        this.properties = properties;
    }

    /** Skips (or, under {@code UNDERLAY_IT_STRICT=true}, fails) when the Debian Ceph packages are missing. */
    public static void requireInstalled() {
        String hint = "Debian packages ceph-mon ceph-mgr ceph-osd ceph-mgr-dashboard ceph-common, see .ci/install-deps";
        for (String tool : List.of("ceph-mon", "ceph-mgr", "ceph-osd", "ceph", "rados", "uuidgen", "curl")) {
            ExternalTools.require(tool, hint);
        }
        ExternalTools.requireThat(
                Files.isRegularFile(DashboardOpenApi.DEBIAN_LOCATION),
                "ceph-mgr-dashboard is not installed (" + hint + ")");
    }

    public static RealCephCluster start(Path parent) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(parent, "ceph.");
        ProcessBuilder up =
                new ProcessBuilder("bash", SCRIPTS.resolve("ceph-up.sh").toString(), dir.toString());
        Map<String, String> env = up.environment();
        env.put("OSDS", "3");
        env.put("MON_V2_PORT", Integer.toString(freePort()));
        env.put("MON_V1_PORT", Integer.toString(freePort()));
        env.put("DASH_PORT", Integer.toString(freePort()));
        Path log = parent.resolve(dir.getFileName() + "-up.log");
        run(up, log, UP_TIMEOUT, "ceph-up.sh");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(dir.resolve("dashboard.properties"))) {
            properties.load(reader);
        }
        return new RealCephCluster(dir, properties);
    }

    public DashboardSettings settings() {
        return DashboardSettings.of(
                URI.create(properties.getProperty("url")),
                properties.getProperty("user"),
                properties.getProperty("password"));
    }

    public double bootstrapSeconds() {
        return Double.parseDouble(properties.getProperty("bootstrap_seconds", "0"));
    }

    /** {@code rados -p POOL put OBJECT FILE} against this cluster. */
    public void radosPut(String pool, String object, Path file) throws IOException, InterruptedException {
        ProcessBuilder put = new ProcessBuilder(
                "rados", "-c", properties.getProperty("ceph_conf"), "-p", pool, "put", object, file.toString());
        run(put, dir.resolveSibling(dir.getFileName() + "-rados.log"), CLI_TIMEOUT, "rados put");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        ProcessBuilder down =
                new ProcessBuilder("bash", SCRIPTS.resolve("ceph-down.sh").toString(), dir.toString());
        run(down, dir.resolveSibling(dir.getFileName() + "-down.log"), DOWN_TIMEOUT, "ceph-down.sh");
    }

    private static void run(ProcessBuilder pb, Path log, Duration timeout, String what)
            throws IOException, InterruptedException {
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(what + " did not finish within " + timeout + "\n" + Files.readString(log));
        }
        String output = Files.readString(log);
        System.out.println("---- " + what + " ----\n" + output);
        if (p.exitValue() != 0) {
            throw new AssertionError(what + " exited " + p.exitValue() + "\n" + output);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
