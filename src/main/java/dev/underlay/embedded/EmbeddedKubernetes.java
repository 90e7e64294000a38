package dev.underlay.embedded;

import dev.underlay.config.UnderlayConfig;
import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The embedded API server of this process, started on first need when {@code underlay.embedded.enabled=true}:
 * by whoever builds the Kubernetes client first, or at startup. It starts with the CRDs loaded and the kubeconfig
 * written. With embedded mode off nothing here starts.
 */
@Singleton
public class EmbeddedKubernetes {

    @Inject
    UnderlayConfig config;

    private EmbeddedKubernetesServer server;
    private Path kubeconfig;

    public boolean enabled() {
        return config.embedded().enabled();
    }

    public synchronized EmbeddedKubernetesServer ensureStarted() {
        if (!enabled()) {
            throw new IllegalStateException("embedded mode is off (underlay.embedded.enabled=false)");
        }
        if (server == null) {
            UnderlayConfig.Embedded settings = config.embedded();
            EmbeddedKubernetesServer started = EmbeddedKubernetesServer.start(settings.port());
            try {
                EmbeddedCrds crds = EmbeddedCrds.load(Path.of(settings.crdsDir()));
                started.applyAll(crds.manifests());
                kubeconfig = started.writeKubeconfig(Path.of(settings.kubeconfig()));
                Log.infof(
                        "Embedded Kubernetes API listening on %s with %d CRDs from %s",
                        started.url(), crds.manifests().size(), crds.source());
            } catch (IOException e) {
                started.close();
                throw new UncheckedIOException("cannot write the embedded kubeconfig", e);
            } catch (RuntimeException e) {
                started.close();
                throw e;
            }
            server = started;
        }
        return server;
    }

    public synchronized Optional<EmbeddedKubernetesServer> running() {
        return Optional.ofNullable(server);
    }

    /** The kubeconfig file for kubectl, once the server runs. */
    public synchronized Optional<Path> kubeconfig() {
        return Optional.ofNullable(kubeconfig);
    }

    @PreDestroy
    synchronized void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
