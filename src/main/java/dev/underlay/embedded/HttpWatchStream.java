package dev.underlay.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.WebSocket;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

/**
 * A watch as kubectl reads it: one chunked HTTP response carrying newline-delimited watch events. The CRUD store
 * pushes events to WebSocket listeners only, so this class plays the WebSocket and writes each event as a chunk.
 * <p>
 * The store replays every existing object as ADDED when a watch opens; kubectl first lists, then watches from the
 * list's resourceVersion, so ADDED events at or below that version are dropped (the API server would not send
 * them either). With a Table Accept header each event carries a one-row Table instead of the object.
 */
final class HttpWatchStream implements WebSocket {

    private final RecordedRequest request;
    private final HttpServerResponse response;
    private final Context context;
    private final long sinceResourceVersion;
    private final Optional<UnaryOperator<JsonNode>> renderer;
    private final AtomicBoolean closed = new AtomicBoolean();

    HttpWatchStream(
            RecordedRequest request,
            HttpServerResponse response,
            Context context,
            long sinceResourceVersion,
            Optional<UnaryOperator<JsonNode>> renderer) {
        this.request = request;
        this.response = response;
        this.context = context;
        this.sinceResourceVersion = sinceResourceVersion;
        this.renderer = renderer;
    }

    void begin() {
        context.runOnContext(v -> response.setChunked(true)
                .setStatusCode(200)
                .putHeader("Content-Type", "application/json")
                .writeHead());
    }

    @Override
    public RecordedRequest request() {
        return request;
    }

    @Override
    public boolean send(String text) {
        if (closed.get()) {
            return false;
        }
        ObjectNode event = (ObjectNode) Json.read(text);
        JsonNode object = event.path("object");
        if ("ADDED".equals(event.path("type").asText()) && resourceVersionOf(object) <= sinceResourceVersion) {
            return true;
        }
        renderer.ifPresent(render -> event.set("object", render.apply(object)));
        Buffer chunk = Buffer.buffer(Json.write(event) + "\n", StandardCharsets.UTF_8.name());
        context.runOnContext(v -> {
            if (!response.ended() && !response.closed()) {
                response.write(chunk);
            }
        });
        return true;
    }

    void sendDeleted(ObjectNode object) {
        ObjectNode event = Json.object();
        event.put("type", "DELETED");
        event.set("object", object);
        send(Json.write(event));
    }

    @Override
    public boolean send(byte[] bytes) {
        return send(new String(bytes, StandardCharsets.UTF_8));
    }

    @Override
    public boolean close(int code, String reason) {
        if (closed.compareAndSet(false, true)) {
            context.runOnContext(v -> {
                if (!response.ended() && !response.closed()) {
                    response.end();
                }
            });
        }
        return true;
    }

    boolean isClosed() {
        return closed.get();
    }

    static long parseLong(Optional<String> value) {
        try {
            return value.map(Long::parseLong).orElse(0L);
        } catch (NumberFormatException e) {
            return 0L;
        }
    }

    private static long resourceVersionOf(JsonNode object) {
        return parseLong(
                Optional.of(object.path("metadata").path("resourceVersion").asText("0")));
    }
}
