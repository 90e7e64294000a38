package dev.underlay.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class EmbeddedKubernetesServerTest {

    private EmbeddedKubernetesServer server;

    @BeforeEach
    void start() {
        server = EmbeddedKubernetesServer.start(0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void listensOnTheLoopbackInterfaceOnly() {
        assertThat(server.url()).startsWith("http://127.0.0.1:").endsWith(":" + server.port());
        assertThat(server.port()).isPositive();
    }

    @Test
    void writesAnOwnerOnlyKubeconfigThatFabric8Reads(@TempDir Path dir) throws Exception {
        Path file = server.writeKubeconfig(dir.resolve("nested/kubeconfig"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        Config config = Config.fromKubeconfig(Files.readString(file));
        assertThat(config.getMasterUrl()).isEqualTo(server.url() + "/");
        assertThat(config.getNamespace()).isEqualTo("default");
    }

    @Test
    void appliesCrdsFirstThenCreatesOrMergesObjects() {
        List<JsonNode> manifests = Stream.concat(
                        ManifestReader.readDirectory(Path.of("src/test/resources/embedded/manifests")).stream(),
                        ManifestReader.readDirectory(Path.of("deploy/crds")).stream())
                .toList();

        List<AppliedObject> first = server.applyAll(manifests);
        List<AppliedObject> second = server.applyAll(manifests);

        assertThat(first)
                .extracting(AppliedObject::kind)
                .startsWith(
                        "CustomResourceDefinition",
                        "CustomResourceDefinition",
                        "CustomResourceDefinition",
                        "CustomResourceDefinition");
        assertThat(first).extracting(AppliedObject::outcome).containsOnly(AppliedObject.Outcome.CREATED);
        assertThat(second).extracting(AppliedObject::outcome).containsOnly(AppliedObject.Outcome.CONFIGURED);
        assertThat(first).extracting(AppliedObject::toString).contains("TalosNodeVM default/talos-cp-01 created");
    }

    @Test
    void refusesAKindNoCrdServes() {
        JsonNode vm = ManifestReader.readFile(Path.of("src/test/resources/embedded/manifests/30-talosnodevm.yaml"))
                .get(0);

        Assertions.assertThatThrownBy(() -> server.apply(vm))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TalosNodeVM");
    }

    @Test
    void feedsAFabric8InformerOverWebSocketWatches() {
        server.applyAll(ManifestReader.readDirectory(Path.of("deploy/crds")));
        server.applyAll(ManifestReader.readFile(Path.of("src/test/resources/embedded/manifests/30-talosnodevm.yaml")));
        Map<String, String> powerStates = new ConcurrentHashMap<>();
        try (KubernetesClient client = new KubernetesClientBuilder()
                        .withConfig(server.clientConfig())
                        .build();
                SharedIndexInformer<GenericKubernetesResource> informer = client.genericKubernetesResources(
                                "underlay.dev/v1alpha1", "TalosNodeVM")
                        .inAnyNamespace()
                        .inform(recordPowerState(powerStates))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> powerStates.size() == 2);

            client.genericKubernetesResources("underlay.dev/v1alpha1", "TalosNodeVM")
                    .inNamespace("default")
                    .withName("talos-cp-02")
                    .subresource("status")
                    .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{\"powerState\":\"Running\"}}");

            await().atMost(Duration.ofSeconds(30)).until(() -> "Running".equals(powerStates.get("talos-cp-02")));
            assertThat(informer.isWatching()).isTrue();
            assertThat(server.webSocketWatchesOpened()).isPositive();
        }
    }

    @Test
    void aWatchOnOneNameSaysDeletedWhenTheObjectWentBetweenListAndWatch() throws Exception {
        server.applyAll(ManifestReader.readDirectory(Path.of("deploy/crds")));
        server.applyAll(ManifestReader.readFile(Path.of("src/test/resources/embedded/manifests/30-talosnodevm.yaml")));
        String collection = server.url() + "/apis/underlay.dev/v1alpha1/namespaces/default/talosnodevms";
        HttpClient http = HttpClient.newHttpClient();
        // what kubectl delete --wait does once its list saw the object at resourceVersion 5; by the time the watch
        // opens, the object is gone (here: it never existed under this name)
        HttpResponse<Stream<String>> gone = http.send(
                HttpRequest.newBuilder(
                                URI.create(
                                        collection
                                                + "?watch=true&fieldSelector=metadata.name%3Dtalos-cp-09&resourceVersion=5&timeoutSeconds=5"))
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = gone.body()) {
            JsonNode event = Json.read(lines.findFirst().orElseThrow());
            assertThat(event.path("type").asText()).isEqualTo("DELETED");
            assertThat(event.path("object").path("kind").asText()).isEqualTo("TalosNodeVM");
            assertThat(event.path("object").path("apiVersion").asText()).isEqualTo("underlay.dev/v1alpha1");
            assertThat(event.path("object").path("metadata").path("name").asText())
                    .isEqualTo("talos-cp-09");
            assertThat(event.path("object").path("metadata").path("namespace").asText())
                    .isEqualTo("default");
        }

        // an object that is still there gets no such event: the watch stays open with nothing to say
        HttpResponse<InputStream> present = http.send(
                HttpRequest.newBuilder(
                                URI.create(
                                        collection
                                                + "?watch=true&fieldSelector=metadata.name%3Dtalos-cp-01&resourceVersion=999999&timeoutSeconds=1"))
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = present.body()) {
            assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).isEmpty();
        }
    }

    @Test
    void loadsCrdsFromTheClasspathWhenTheDirectoryIsMissing() {
        EmbeddedCrds fromDisk = EmbeddedCrds.load(Path.of("deploy/crds"));
        EmbeddedCrds fromJar = EmbeddedCrds.load(Path.of("no/such/dir"));

        assertThat(fromJar.source()).isEqualTo("classpath:underlay/crds");
        assertThat(fromJar.manifests()).containsExactlyInAnyOrderElementsOf(fromDisk.manifests());
    }

    @Test
    void knowsTheFileNameOfEveryCommittedCrd() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("deploy/crds"))) {
            assertThat(EmbeddedCrds.fileNames())
                    .containsExactlyInAnyOrderElementsOf(
                            files.map(f -> f.getFileName().toString()).toList());
        }
    }

    private static ResourceEventHandler<GenericKubernetesResource> recordPowerState(Map<String, String> states) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(GenericKubernetesResource vm) {
                onUpdate(null, vm);
            }

            @Override
            public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource vm) {
                Object status = vm.getAdditionalProperties().get("status");
                String state = status instanceof Map<?, ?> map && map.get("powerState") != null
                        ? map.get("powerState").toString()
                        : "";
                states.put(vm.getMetadata().getName(), state);
            }

            @Override
            public void onDelete(GenericKubernetesResource vm, boolean finalStateUnknown) {
                states.remove(vm.getMetadata().getName());
            }
        };
    }
}
