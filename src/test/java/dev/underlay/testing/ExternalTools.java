package dev.underlay.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Tests that drive a program from the machine (kubectl, ansible, python3-proxmoxer) skip with a notice on a developer
 * machine that lacks it, and fail in CI, where {@code .ci/run} installs them and sets {@code UNDERLAY_IT_STRICT=true}:
 * a CI run must never pass by skipping what it was meant to check.
 */
public final class ExternalTools {

    static final String STRICT_ENV = "UNDERLAY_IT_STRICT";

    private ExternalTools() {}

    /** Skips (or, in strict mode, fails) the calling test unless {@code executable} is on the PATH or is a path. */
    public static void require(String executable, String installHint) {
        requireThat(isAvailable(executable), executable + " is not installed (" + installHint + ")");
    }

    /** Skips (or, in strict mode, fails) the calling test unless {@code condition} holds. */
    public static void requireThat(boolean condition, String whatIsMissing) {
        if (condition) {
            return;
        }
        if (strict()) {
            throw new AssertionError(whatIsMissing + "; " + STRICT_ENV + " is set, so this test may not be skipped");
        }
        Assumptions.abort(whatIsMissing + "; run .ci/install-deps to run this test");
    }

    public static boolean isAvailable(String executable) {
        if (executable.contains("/")) {
            return Files.isExecutable(Path.of(executable));
        }
        String path = System.getenv().getOrDefault("PATH", "");
        return Arrays.stream(path.split(File.pathSeparator))
                .map(dir -> Path.of(dir, executable))
                .anyMatch(Files::isExecutable);
    }

    static boolean strict() {
        return Boolean.parseBoolean(System.getenv(STRICT_ENV));
    }
}
