package dev.underlay.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the deployable artifacts live in this repository (tests run with the project directory as working dir). */
final class RepositoryPaths {

    static final Path ROOT = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    static final Path CHART = ROOT.resolve("helm/underlay");
    static final Path CHART_CRDS = CHART.resolve("crds");
    static final Path CRDS = ROOT.resolve("deploy/crds");
    static final Path PLAIN_MANIFESTS = ROOT.resolve("deploy/operator");
    static final Path ARGOCD = ROOT.resolve("deploy/argocd");
    static final Path TEST_VALUES = ROOT.resolve("src/test/resources/deploy");

    /** Set on the Maven command line ({@code -Dunderlay.sync=true}) to rewrite committed copies instead of failing. */
    static final boolean SYNC = Boolean.getBoolean("underlay.sync");

    private RepositoryPaths() {}

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
