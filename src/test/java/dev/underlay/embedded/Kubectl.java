package dev.underlay.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Runs one kubectl executable against one kubeconfig, with a private discovery cache and a hard timeout. */
final class Kubectl {

    record Result(int exitCode, String stdout, String stderr) {
        List<String> lines() {
            return stdout.lines().toList();
        }
    }

    private static final long TIMEOUT_SECONDS = 60;

    private static final Map<Process, Path[]> OUTPUTS = new ConcurrentHashMap<>();

    private final String executable;
    private final Path kubeconfig;
    private final Path cacheDir;

    /** @param executable {@code kubectl} for the one on the PATH, or a path */
    Kubectl(String executable, Path kubeconfig, Path cacheDir) {
        this.executable = executable;
        this.kubeconfig = kubeconfig;
        this.cacheDir = cacheDir;
    }

    Result run(String... args) throws IOException, InterruptedException {
        Process process = start(args);
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(
                    "kubectl " + String.join(" ", args) + " did not finish in " + TIMEOUT_SECONDS + "s");
        }
        return result(process);
    }

    /** Starts kubectl without waiting; stdout and stderr go to files read by {@link #result(Process)}. */
    Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(
                List.of(executable, "--kubeconfig", kubeconfig.toString(), "--cache-dir", cacheDir.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(cacheDir, "kubectl", ".out");
        Path err = Files.createTempFile(cacheDir, "kubectl", ".err");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("KUBECONFIG");
        Process process = builder.start();
        OUTPUTS.put(process, new Path[] {out, err});
        return process;
    }

    static String stdoutSoFar(Process process) throws IOException {
        return Files.readString(OUTPUTS.get(process)[0], StandardCharsets.UTF_8);
    }

    static String stderrSoFar(Process process) throws IOException {
        return Files.readString(OUTPUTS.get(process)[1], StandardCharsets.UTF_8);
    }

    static Result result(Process process) throws IOException {
        Path[] files = OUTPUTS.remove(process);
        return new Result(
                process.exitValue(),
                Files.readString(files[0], StandardCharsets.UTF_8),
                Files.readString(files[1], StandardCharsets.UTF_8));
    }
}
