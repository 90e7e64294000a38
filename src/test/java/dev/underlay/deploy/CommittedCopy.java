package dev.underlay.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A committed file that must equal what is generated from elsewhere in the repository: a difference fails with the
 * command that refreshes it, and under {@code -Dunderlay.sync=true} that command rewrites the file first.
 */
final class CommittedCopy {

    private CommittedCopy() {}

    /** Rewrites the committed file when the build asked for it; call before any test reads the file. */
    static void refreshIfAsked(Path committed, byte[] expected) {
        if (!RepositoryPaths.SYNC) {
            return;
        }
        try {
            Files.createDirectories(committed.getParent());
            Files.write(committed, expected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void refreshIfAsked(Path committed, String expected) {
        refreshIfAsked(committed, expected.getBytes(StandardCharsets.UTF_8));
    }

    static void assertCurrent(Path committed, byte[] expected, String refreshCommand) {
        try {
            if (!Files.exists(committed)) {
                throw new AssertionError(relative(committed) + " is missing. Refresh it with: " + refreshCommand);
            }
            byte[] actual = Files.readAllBytes(committed);
            if (!Arrays.equals(actual, expected)) {
                throw new AssertionError(relative(committed) + " is out of date (first difference at line "
                        + firstDifferentLine(actual, expected) + "). Refresh it with: " + refreshCommand);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void assertCurrent(Path committed, String expected, String refreshCommand) {
        assertCurrent(committed, expected.getBytes(StandardCharsets.UTF_8), refreshCommand);
    }

    private static int firstDifferentLine(byte[] actual, byte[] expected) {
        String[] a = new String(actual, StandardCharsets.UTF_8).split("\n", -1);
        String[] e = new String(expected, StandardCharsets.UTF_8).split("\n", -1);
        int line = 0;
        while (line < a.length && line < e.length && a[line].equals(e[line])) {
            line++;
        }
        return line + 1;
    }

    private static String relative(Path path) {
        return RepositoryPaths.ROOT.relativize(path).toString();
    }
}
