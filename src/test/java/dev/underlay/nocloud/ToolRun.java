package dev.underlay.nocloud;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one program of the machine with a hard timeout; output goes to files, so a chatty tool cannot block on a pipe. */
record ToolRun(int exitCode, byte[] stdout, String stderr) {

    static final long TIMEOUT_SECONDS = 60;

    static ToolRun run(Path workDir, String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(workDir, "tool", ".out");
        Path err = Files.createTempFile(workDir, "tool", ".err");
        Process process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(List.of(command) + " did not finish in " + TIMEOUT_SECONDS + "s");
        }
        return new ToolRun(process.exitValue(), Files.readAllBytes(out), Files.readString(err, StandardCharsets.UTF_8));
    }

    /** The run, failing the test with the tool's own words when it did not exit 0. */
    ToolRun succeeded() {
        if (exitCode != 0) {
            throw new AssertionError("exit " + exitCode + ": " + stderr);
        }
        return this;
    }

    String text() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    List<String> lines() {
        return text().lines().toList();
    }
}
