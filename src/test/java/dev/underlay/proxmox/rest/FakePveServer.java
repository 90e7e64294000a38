package dev.underlay.proxmox.rest;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemKeyCertOptions;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A scripted PVE stand-in on 127.0.0.1 (port 0), plain HTTP or HTTPS with a given certificate. Vert.x rather than
 * the JDK server because it can send custom reason phrases and the 59x pseudo-statuses. It records every request
 * and counts requests in flight; with {@link #holdRequests()} answers wait until {@link #release()}.
 */
final class FakePveServer implements AutoCloseable {

    record Seen(String method, String uri, Map<String, String> headers, String body, String contentType) {}

    record Answer(int status, String reason, String body) {
        static Answer ok(String json) {
            return new Answer(200, "OK", json);
        }
    }

    private final Vertx vertx;
    private final HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger arrived = new AtomicInteger();
    private final Set<Object> connections = Collections.newSetFromMap(new ConcurrentHashMap<>());
    private volatile CountDownLatch gate;
    private volatile Function<Seen, Answer> script = s -> Answer.ok("{\"data\":null}");

    private FakePveServer(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    static FakePveServer http() {
        return start(new HttpServerOptions());
    }

    static FakePveServer https(TestPki.Issued certificate) {
        return start(new HttpServerOptions()
                .setSsl(true)
                .setKeyCertOptions(new PemKeyCertOptions()
                        .setCertValue(Buffer.buffer(certificate.certificatePem()))
                        .setKeyValue(Buffer.buffer(certificate.keyPem()))));
    }

    private static FakePveServer start(HttpServerOptions options) {
        Vertx vertx = Vertx.vertx();
        FakePveServer[] holder = new FakePveServer[1];
        HttpServer server = vertx.createHttpServer(options.setHost("127.0.0.1").setPort(0));
        holder[0] = new FakePveServer(vertx, server);
        server.requestHandler(request -> holder[0].handle(request));
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("fake PVE server did not start", e);
        }
        return holder[0];
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            request.headers().forEach(h -> headers.put(h.getKey(), h.getValue()));
            Seen s = new Seen(
                    request.method().name(),
                    request.uri(),
                    headers,
                    body.toString(),
                    request.getHeader("Content-Type"));
            seen.add(s);
            connections.add(request.connection());
            arrived.incrementAndGet();
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            CountDownLatch wait = gate;
            Runnable answer = () -> {
                Answer a = script.apply(s);
                inFlight.decrementAndGet();
                request.response().setStatusCode(a.status()).setStatusMessage(a.reason());
                if (a.body().isEmpty()) {
                    request.response().end();
                } else {
                    request.response()
                            .putHeader("Content-Type", "application/json;charset=UTF-8")
                            .end(a.body());
                }
            };
            if (wait == null) {
                answer.run();
            } else {
                vertx.executeBlocking(
                                () -> {
                                    wait.await(60, TimeUnit.SECONDS);
                                    return null;
                                },
                                false)
                        .onComplete(ignored -> answer.run());
            }
        });
    }

    FakePveServer answer(Function<Seen, Answer> script) {
        this.script = script;
        return this;
    }

    FakePveServer answerAlways(int status, String reason, String body) {
        return answer(s -> new Answer(status, reason, body));
    }

    void holdRequests() {
        gate = new CountDownLatch(1);
    }

    void release() {
        CountDownLatch g = gate;
        gate = null;
        if (g != null) {
            g.countDown();
        }
    }

    int port() {
        return server.actualPort();
    }

    String url(String scheme) {
        return scheme + "://127.0.0.1:" + port();
    }

    List<Seen> requests() {
        return List.copyOf(seen);
    }

    int inFlight() {
        return inFlight.get();
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    /** Distinct TCP connections requests arrived on. */
    int connections() {
        return connections.size();
    }

    int arrived() {
        return arrived.get();
    }

    @Override
    public void close() {
        release();
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
