package dev.underlay.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.WebSocketListener;
import io.fabric8.mockwebserver.vertx.ServerWebSocketHandler;
import io.quarkus.logging.Log;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process Kubernetes API on 127.0.0.1 that kubectl and fabric8 clients can use: fabric8's CRUD store
 * ({@link KubernetesCrudDispatcher}) behind {@link ApiServerDispatcher}, served by a small Vert.x listener of
 * its own. The mock server's own listener answers every request with one complete body, which rules out the
 * chunked HTTP watches kubectl uses; this listener streams those ({@link HttpWatchStream}) and hands WebSocket
 * watches (what fabric8 clients use) to the mock's WebSocket handler.
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
    private final AtomicInteger openHttpWatches = new AtomicInteger();
    private final AtomicInteger webSocketWatchesOpened = new AtomicInteger();

    private EmbeddedKubernetesServer(Vertx vertx, ApiServerDispatcher dispatcher, HttpServer httpServer) {
        this.vertx = vertx;
        this.dispatcher = dispatcher;
        this.httpServer = httpServer;
    }

    /** Starts listening on 127.0.0.1:{@code port} ({@code 0} picks a free port) with an empty store. */
    public static EmbeddedKubernetesServer start(int port) {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(2)
                .setInternalBlockingPoolSize(2));
        ApiServerDispatcher dispatcher = new ApiServerDispatcher(new KubernetesCrudDispatcher(List.of()),
                Clock.systemUTC());
        HttpServer httpServer = vertx.createHttpServer(new HttpServerOptions().setHost(LOOPBACK).setPort(port));
        EmbeddedKubernetesServer server = new EmbeddedKubernetesServer(vertx, dispatcher, httpServer);
        httpServer.requestHandler(server::handle);
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
        return openHttpWatches.get();
    }

    /** WebSocket watches (fabric8 clients', hence the operator's informers) opened since start. */
    public int webSocketWatchesOpened() {
        return webSocketWatchesOpened.get();
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
            Files.createFile(absolute, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
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
        ResourceType type = dispatcher.catalog().findKind(apiVersion, kind).orElseThrow(
                () -> new IllegalArgumentException("no kind " + kind + " in " + apiVersion + " is served (CRD missing?)"));
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
            throw new IllegalStateException("creating " + kind + " " + name + " failed: " + created.getBody().readUtf8());
        }
        object.withObjectProperty("metadata").remove("resourceVersion");
        MockResponse patched = send(HttpMethod.PATCH, path.objectPath(), "application/merge-patch+json", object);
        if (patched.code() >= 300) {
            throw new IllegalStateException("updating " + kind + " " + name + " failed: " + patched.getBody().readUtf8());
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

    private void handle(HttpServerRequest request) {
        String upgrade = request.getHeader("Upgrade");
        if (upgrade != null && upgrade.toLowerCase(Locale.ROOT).contains("websocket")) {
            // fabric8 clients watch over WebSocket; the upgrade must happen before the request is read
            RecordedRequest recorded = record(request, null);
            MockResponse response = dispatchSafely(recorded);
            if (response.getWebSocketListener() != null) {
                webSocketWatchesOpened.incrementAndGet();
                request.toWebSocket()
                        .onSuccess(new ServerWebSocketHandler(recorded, response))
                        .onFailure(e -> Log.debugf("embedded API: WebSocket upgrade for %s failed: %s",
                                recorded.getPath(), e.getMessage()));
            } else {
                respond(request.response(), response);
            }
            return;
        }
        request.body()
                .onSuccess(body -> {
                    RecordedRequest recorded = record(request, body);
                    QueryString target = QueryString.of(recorded.getPath());
                    if (recorded.method() == HttpMethod.GET && target.isWatch()
                            && ResourcePath.parse(target.path()).isPresent()) {
                        streamWatch(request, recorded, target);
                    } else {
                        respond(request.response(), dispatchSafely(recorded));
                    }
                })
                .onFailure(e -> request.response().setStatusCode(500).end());
    }

    private void streamWatch(HttpServerRequest request, RecordedRequest recorded, QueryString target) {
        MockResponse upgrade = dispatchSafely(recorded);
        WebSocketListener listener = upgrade.getWebSocketListener();
        if (listener == null) {
            respond(request.response(), upgrade);
            return;
        }
        HttpServerResponse response = request.response();
        HttpWatchStream stream = new HttpWatchStream(recorded, response, vertx.getOrCreateContext(),
                HttpWatchStream.parseResourceVersion(target.param("resourceVersion")),
                dispatcher.watchObjectRenderer(recorded));
        stream.begin();
        openHttpWatches.incrementAndGet();
        AtomicBoolean stopped = new AtomicBoolean();
        Runnable stop = () -> {
            if (stopped.compareAndSet(false, true)) {
                openHttpWatches.decrementAndGet();
                // deregistering waits for the listener's executor: not on the event loop
                vertx.executeBlocking(() -> {
                    listener.onClosed(stream, 1000, "watch ended");
                    return null;
                }, false);
            }
        };
        response.closeHandler(v -> stop.run());
        long timeoutSeconds = HttpWatchStream.parseResourceVersion(target.param("timeoutSeconds"));
        if (timeoutSeconds > 0) {
            vertx.setTimer(TimeUnit.SECONDS.toMillis(timeoutSeconds), id -> stop.run());
        }
        listener.onOpen(stream, upgrade);
    }

    private MockResponse dispatchSafely(RecordedRequest request) {
        try {
            return dispatcher.dispatch(request);
        } catch (RuntimeException e) {
            Log.debugf(e, "embedded API: %s %s failed", request.getMethod(), request.getPath());
            return ApiStatus.failure(500, "InternalError", "embedded API server: " + e.getMessage())
                    .setHeader("Content-Type", "application/json");
        }
    }

    private static void respond(HttpServerResponse response, MockResponse mock) {
        response.setStatusCode(mock.code());
        mock.getHeaders().toMultimap().forEach((name, values) -> response.headers().add(name, values));
        if (mock.getBody() != null && mock.getBody().size() > 0) {
            response.end(io.vertx.core.buffer.Buffer.buffer(mock.getBody().getBytes()));
        } else {
            response.end();
        }
    }

    private static RecordedRequest record(HttpServerRequest request, io.vertx.core.buffer.Buffer body) {
        return new RecordedRequest("HTTP/1.1", HttpMethod.fromVertx(request.method()), request.uri(),
                Headers.builder().addAll(request.headers()).build(),
                new io.fabric8.mockwebserver.http.Buffer(body == null ? null : body.getBytes()));
    }

    private MockResponse send(HttpMethod method, String path, String contentType, JsonNode body) {
        return dispatcher.dispatch(new RecordedRequest("HTTP/1.1", method, path,
                Headers.builder().add("Content-Type", contentType).build(),
                new io.fabric8.mockwebserver.http.Buffer(Json.write(body).getBytes(StandardCharsets.UTF_8))));
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
