package dev.underlay.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An in-process Kubernetes API on 127.0.0.1 that kubectl and fabric8 clients can use: fabric8's CRUD store
 * ({@link KubernetesCrudDispatcher}) behind {@link ApiServerDispatcher}, served by a Vert.x listener of its own
 * ({@link ApiHttpHandler}) rather than the mock server's, which cannot stream kubectl's watches.
 * <p>
 * No authentication, no TLS: it binds to the loopback interface only and is meant for a developer's machine.
 */
public final class EmbeddedKubernetesServer implements AutoCloseable {

    /** The CRUD store is created empty; this is the namespace kubeconfig and applied manifests default to. */
    public static final String DEFAULT_NAMESPACE = "default";

    private static final String LOOPBACK = "127.0.0.1";

    private final Vertx vertx;
    private final ApiServerDispatcher dispatcher;
    private final HttpServer httpServer;
    private final ApiHttpHandler handler;

    private EmbeddedKubernetesServer(
            Vertx vertx, ApiServerDispatcher dispatcher, HttpServer httpServer, ApiHttpHandler handler) {
        this.vertx = vertx;
        this.dispatcher = dispatcher;
        this.httpServer = httpServer;
        this.handler = handler;
    }

    /** Starts listening on 127.0.0.1:{@code port} ({@code 0} picks a free port) with an empty store. */
    public static EmbeddedKubernetesServer start(int port) {
        Vertx vertx = Vertx.vertx(
                new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(2).setInternalBlockingPoolSize(2));
        ApiServerDispatcher dispatcher =
                new ApiServerDispatcher(new KubernetesCrudDispatcher(List.of()), Clock.systemUTC());
        ApiHttpHandler handler = new ApiHttpHandler(vertx, dispatcher);
        HttpServer httpServer = vertx.createHttpServer(
                        new HttpServerOptions().setHost(LOOPBACK).setPort(port))
                .requestHandler(handler);
        EmbeddedKubernetesServer server = new EmbeddedKubernetesServer(vertx, dispatcher, httpServer, handler);
        try {
            await(httpServer.listen());
        } catch (RuntimeException e) {
            await(vertx.close());
            throw e;
        }
        dispatcher.serverAddress(LOOPBACK + ":" + httpServer.actualPort());
        server.apply(namespace(DEFAULT_NAMESPACE));
        return server;
    }

    public int port() {
        return httpServer.actualPort();
    }

    /** Chunked HTTP watches (kubectl's) open right now. */
    int openHttpWatches() {
        return handler.openHttpWatches();
    }

    /** WebSocket watches (fabric8 clients', hence the operator's informers) opened since start. */
    public int webSocketWatchesOpened() {
        return handler.webSocketWatchesOpened();
    }

    public String url() {
        return "http://" + LOOPBACK + ":" + port();
    }

    /** A fabric8 client configuration for this server that reads nothing from the machine (no ~/.kube). */
    public Config clientConfig() {
        return new ConfigBuilder(Config.empty())
                .withMasterUrl(url())
                .withNamespace(DEFAULT_NAMESPACE)
                .withOauthToken(EmbeddedKubeconfig.TOKEN)
                .build();
    }

    public String kubeconfig() {
        return EmbeddedKubeconfig.render(url());
    }

    /** Writes the kubeconfig readable by the owner only (it is a credential file, even if this one guards nothing). */
    public Path writeKubeconfig(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Files.deleteIfExists(absolute);
        try {
            Files.createFile(
                    absolute, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(absolute);
        }
        Files.writeString(absolute, kubeconfig(), StandardCharsets.UTF_8);
        return absolute;
    }

    /**
     * Creates the object, or merges it into the stored one if it exists (what {@code kubectl apply} does for a
     * manifest, without the last-applied bookkeeping). Goes through the same dispatcher kubectl talks to.
     */
    public AppliedObject apply(JsonNode manifest) {
        ObjectNode object = manifest.deepCopy();
        String apiVersion = object.path("apiVersion").asText();
        String kind = object.path("kind").asText();
        String name = object.path("metadata").path("name").asText();
        ResourceType type = dispatcher
                .catalog()
                .findKind(apiVersion, kind)
                .orElseThrow(() -> new IllegalArgumentException(
                        "no kind " + kind + " in " + apiVersion + " is served (CRD missing?)"));
        String namespace = null;
        if (type.namespaced()) {
            namespace = object.path("metadata").path("namespace").asText(DEFAULT_NAMESPACE);
            object.withObjectProperty("metadata").put("namespace", namespace);
        }
        ResourcePath path = new ResourcePath(type.group(), type.version(), namespace, type.plural(), name, null);
        MockResponse created = send(HttpMethod.POST, path.collectionPath(), "application/json", object);
        if (created.code() == 201) {
            return new AppliedObject(type.kind(), namespace, name, AppliedObject.Outcome.CREATED);
        }
        if (created.code() != 409) {
            throw new IllegalStateException("creating " + kind + " " + name + " failed: "
                    + created.getBody().readUtf8());
        }
        object.withObjectProperty("metadata").remove("resourceVersion");
        MockResponse patched = send(HttpMethod.PATCH, path.objectPath(), "application/merge-patch+json", object);
        if (patched.code() >= 300) {
            throw new IllegalStateException("updating " + kind + " " + name + " failed: "
                    + patched.getBody().readUtf8());
        }
        return new AppliedObject(type.kind(), namespace, name, AppliedObject.Outcome.CONFIGURED);
    }

    /** Applies each manifest in order; CRDs first so that the objects after them can be served. */
    public List<AppliedObject> applyAll(List<JsonNode> manifests) {
        List<JsonNode> crdsFirst = manifests.stream()
                .sorted((a, b) -> Boolean.compare(!isCrd(a), !isCrd(b)))
                .toList();
        return crdsFirst.stream().map(this::apply).toList();
    }

    @Override
    public void close() {
        try {
            await(httpServer.close());
        } finally {
            await(vertx.close());
        }
    }

    private MockResponse send(HttpMethod method, String path, String contentType, JsonNode body) {
        return dispatcher.dispatch(new RecordedRequest(
                "HTTP/1.1",
                method,
                path,
                Headers.builder().add("Content-Type", contentType).build(),
                new Buffer(Json.write(body).getBytes(StandardCharsets.UTF_8))));
    }

    private static boolean isCrd(JsonNode manifest) {
        return "CustomResourceDefinition".equals(manifest.path("kind").asText());
    }

    private static ObjectNode namespace(String name) {
        ObjectNode namespace = Json.object().put("apiVersion", "v1").put("kind", "Namespace");
        namespace.putObject("metadata").put("name", name);
        return namespace;
    }

    private static <T> T await(Future<T> future) {
        CompletableFuture<T> result = new CompletableFuture<>();
        future.onComplete(r -> {
            if (r.succeeded()) {
                result.complete(r.result());
            } else {
                result.completeExceptionally(r.cause());
            }
        });
        try {
            return result.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("embedded API server: " + e.getMessage(), e);
        }
    }
}
