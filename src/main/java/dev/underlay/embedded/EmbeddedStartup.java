package dev.underlay.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import dev.underlay.config.UnderlayConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Brings up embedded mode before the operator starts (QOSDK starts it from a later startup observer): the API
 * server, then the example manifests, then a log of how to reach it with kubectl.
 */
@Singleton
public class EmbeddedStartup {

    @Inject
    EmbeddedKubernetes embedded;

    @Inject
    UnderlayConfig config;

    @Inject
    EmbeddedProxmox proxmox;

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        if (!embedded.enabled()) {
            return;
        }
        EmbeddedKubernetesServer server = embedded.ensureStarted();
        Optional<Path> examples = config.embedded().examplesDir().map(Path::of).filter(Files::isDirectory);
        if (proxmox.enabled()) {
            proxmox.ensureStarted();
        }
        List<AppliedObject> applied =
                examples.map(dir -> applyExamples(server, dir)).orElse(List.of());
        Path kubeconfig = embedded.kubeconfig().orElseThrow();
        Log.infof("""
                Embedded mode: the operator runs against an in-process Kubernetes API (no cluster needed).
                  kubeconfig: %1$s
                  try:
                    export KUBECONFIG=%1$s
                    kubectl get pxc,cpool,tnvm,bkp
                    kubectl get pxc -o yaml          (the homelab cluster, observed on the Proxmox VE simulator)
                    kubectl get tnvm -o wide
                    kubectl get tnvm -w
                    kubectl describe tnvm <name>
                    kubectl apply -f <manifest>
                  (a local, unauthenticated API for trying Underlay out: no schema validation, no admission)""", kubeconfig);
        Log.infof(
                "Embedded mode ready: %d example objects applied from %s",
                applied.size(),
                examples.map(dir -> dir.toAbsolutePath().toString())
                        .orElse("nowhere (no directory "
                                + config.embedded().examplesDir().orElse("configured") + ")"));
    }

    private List<AppliedObject> applyExamples(EmbeddedKubernetesServer server, Path directory) {
        List<JsonNode> manifests = ManifestReader.readDirectory(directory);
        if (proxmox.enabled()) {
            manifests = proxmox.pointExamplesAtSimulator(manifests);
        }
        List<AppliedObject> applied = server.applyAll(manifests);
        applied.forEach(o -> Log.infof("Embedded mode: example %s", o));
        return applied;
    }
}
