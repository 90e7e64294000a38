package dev.underlay.embedded;

import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.WebSocketListener;
import io.fabric8.mockwebserver.vertx.ServerWebSocketHandler;
import io.quarkus.logging.Log;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP side of the embedded API server. Plain requests go to the dispatcher and back as one response.
 * Watches take two forms: fabric8 clients (the operator's informers) upgrade to a WebSocket, handed to the mock
 * server's WebSocket handler; kubectl reads a chunked HTTP response, streamed by {@link HttpWatchStream} (the mock
 * server's own listener writes every response in one piece, so it cannot serve those).
 */
final class ApiHttpHandler implements Handler<HttpServerRequest> {

    private final Vertx vertx;
    private final ApiServerDispatcher dispatcher;
    private final AtomicInteger openHttpWatches = new AtomicInteger();
    private final AtomicInteger webSocketWatchesOpened = new AtomicInteger();

    ApiHttpHandler(Vertx vertx, ApiServerDispatcher dispatcher) {
        this.vertx = vertx;
        this.dispatcher = dispatcher;
    }

    int openHttpWatches() {
        return openHttpWatches.get();
    }

    int webSocketWatchesOpened() {
        return webSocketWatchesOpened.get();
    }

    @Override
    public void handle(HttpServerRequest request) {
        String upgrade = request.getHeader("Upgrade");
        if (upgrade != null && upgrade.toLowerCase(Locale.ROOT).contains("websocket")) {
            // fabric8 clients watch over WebSocket; the upgrade must happen before the request is read
            RecordedRequest recorded = record(request, null);
            MockResponse response = dispatchSafely(recorded);
            if (response.getWebSocketListener() != null) {
                webSocketWatchesOpened.incrementAndGet();
                request.toWebSocket()
                        .onSuccess(new ServerWebSocketHandler(recorded, response))
                        .onFailure(e -> Log.debugf(
                                "embedded API: WebSocket upgrade for %s failed: %s",
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
                    if (recorded.method() == HttpMethod.GET
                            && target.isWatch()
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
        HttpWatchStream stream = new HttpWatchStream(
                recorded,
                response,
                vertx.getOrCreateContext(),
                HttpWatchStream.parseLong(target.param("resourceVersion")),
                dispatcher.watchObjectRenderer(recorded));
        stream.begin();
        openHttpWatches.incrementAndGet();
        AtomicBoolean stopped = new AtomicBoolean();
        Runnable stop = () -> {
            if (stopped.compareAndSet(false, true)) {
                openHttpWatches.decrementAndGet();
                // deregistering waits for the listener's executor: not on the event loop
                vertx.executeBlocking(
                        () -> {
                            listener.onClosed(stream, 1000, "watch ended");
                            return null;
                        },
                        false);
            }
        };
        response.closeHandler(v -> stop.run());
        long timeoutSeconds = HttpWatchStream.parseLong(target.param("timeoutSeconds"));
        if (timeoutSeconds > 0) {
            vertx.setTimer(TimeUnit.SECONDS.toMillis(timeoutSeconds), id -> stop.run());
        }
        listener.onOpen(stream, upgrade);
        dispatcher
                .missedDeletion(
                        target.path(),
                        target.param("fieldSelector").orElse(null),
                        HttpWatchStream.parseLong(target.param("resourceVersion")))
                .ifPresent(stream::sendDeleted);
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
        mock.getHeaders()
                .toMultimap()
                .forEach((name, values) -> response.headers().add(name, values));
        if (mock.getBody() != null && mock.getBody().size() > 0) {
            response.end(Buffer.buffer(mock.getBody().getBytes()));
        } else {
            response.end();
        }
    }

    private static RecordedRequest record(HttpServerRequest request, Buffer body) {
        return new RecordedRequest(
                "HTTP/1.1",
                HttpMethod.fromVertx(request.method()),
                request.uri(),
                Headers.builder().addAll(request.headers()).build(),
                new io.fabric8.mockwebserver.http.Buffer(body == null ? null : body.getBytes()));
    }
}
