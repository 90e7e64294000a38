package dev.underlay.simulator.pve.http;

import dev.underlay.simulator.pve.Credentials;
import dev.underlay.simulator.pve.PveSimulator;
import dev.underlay.simulator.pve.SimRequest;
import dev.underlay.simulator.pve.SimResponse;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.PemKeyCertOptions;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulator over HTTPS, as pveproxy speaks it: {@code /api2/json/...} on 127.0.0.1 with a
 * self-signed certificate, token and ticket auth, form/JSON/multipart bodies (query wins over
 * body), {@code {"data": ...}} answers with {@code application/json;charset=UTF-8}, empty-body
 * 401/595, and PVE's reason phrases. Runs on its own Vert.x instance, independent of Quarkus.
 */
public final class PveHttpServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PveHttpServer.class);
    private static final String PREFIX = "/api2/json";
    private static final int MAX_FORM_BODY = 512 * 1024;
    private static final String JSON_TYPE = "application/json;charset=UTF-8";

    private final PveSimulator simulator;
    private final SelfSignedCertificate certificate;
    private final boolean ownsCertificate;
    private final Vertx vertx;
    private final HttpServer server;

    private PveHttpServer(
            PveSimulator simulator,
            SelfSignedCertificate certificate,
            boolean ownsCertificate,
            Vertx vertx,
            HttpServer server) {
        this.simulator = simulator;
        this.certificate = certificate;
        this.ownsCertificate = ownsCertificate;
        this.vertx = vertx;
        this.server = server;
    }

    /** Starts on 127.0.0.1 with a freshly generated certificate; {@code port} 0 picks a free port. */
    public static PveHttpServer start(PveSimulator simulator, int port) {
        return start(simulator, port, SelfSignedCertificate.generate(), true);
    }

    /**
     * Starts on 127.0.0.1 with a certificate the caller keeps (and never sees deleted by {@link #close()}): a test
     * suite starting a server per test saves the key generation, which costs more than the rest of a start.
     */
    public static PveHttpServer start(PveSimulator simulator, int port, SelfSignedCertificate certificate) {
        return start(simulator, port, certificate, false);
    }

    private static PveHttpServer start(
            PveSimulator simulator, int port, SelfSignedCertificate cert, boolean ownsCertificate) {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(2));
        HttpServerOptions options = new HttpServerOptions()
                .setHost("127.0.0.1")
                .setPort(port)
                .setSsl(true)
                .setKeyCertOptions(new PemKeyCertOptions()
                        .setCertValue(Buffer.buffer(cert.certificatePem()))
                        .setKeyValue(Buffer.buffer(cert.privateKeyPem())))
                .setCompressionSupported(false)
                .setIdleTimeout(60)
                .setIdleTimeoutUnit(TimeUnit.SECONDS);
        PveHttpServer[] holder = new PveHttpServer[1];
        HttpServer server = vertx.createHttpServer(options).requestHandler(req -> holder[0].handle(req));
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            if (ownsCertificate) {
                cert.delete();
            }
            throw new IllegalStateException("cannot start the PVE simulator HTTPS server on port " + port, e);
        }
        holder[0] = new PveHttpServer(simulator, cert, ownsCertificate, vertx, server);
        LOG.infof(
                "PVE simulator (%s) listening on https://127.0.0.1:%d%s",
                simulator.version().version(), server.actualPort(), PREFIX);
        return holder[0];
    }

    public int port() {
        return server.actualPort();
    }

    /** {@code https://127.0.0.1:PORT/api2/json}. */
    public String baseUrl() {
        return "https://127.0.0.1:" + port() + PREFIX;
    }

    public String certificatePem() {
        return certificate.certificatePem();
    }

    public String fingerprint() {
        return certificate.fingerprint();
    }

    public Path certificateFile() {
        return certificate.certificateFile();
    }

    public PveSimulator simulator() {
        return simulator;
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debugf("closing the simulator's Vert.x: %s", e.getMessage());
        }
        if (ownsCertificate) {
            certificate.delete();
        }
    }

    private void handle(HttpServerRequest req) {
        String rawPath = req.path();
        if (!rawPath.startsWith(PREFIX + "/") && !rawPath.equals(PREFIX)) {
            req.response().setStatusCode(404).setStatusMessage("Not Found").end();
            return;
        }
        String apiPath = RequestDecoding.percentDecode(rawPath.substring(PREFIX.length()));
        String method = req.method().name();
        Credentials credentials = RequestDecoding.credentials(
                req.getHeader("Authorization"), req.getHeader("Cookie"), req.getHeader("CSRFPreventionToken"));
        Map<String, List<String>> query = RequestDecoding.query(req.uri());
        String contentType =
                Optional.ofNullable(req.getHeader("Content-Type")).orElse("").toLowerCase();
        if (contentType.startsWith("multipart/form-data") && (method.equals("POST") || method.equals("PUT"))) {
            handleMultipart(req, method, apiPath, credentials, query);
            return;
        }
        req.body()
                .onSuccess(body -> {
                    boolean readMethod = method.equals("GET") || method.equals("DELETE") || method.equals("HEAD");
                    SimRequest sim;
                    if (readMethod) {
                        sim = new SimRequest(method, apiPath, query, credentials, Optional.empty(), body.length() > 0);
                    } else {
                        if (body.length() > MAX_FORM_BODY) {
                            reply(
                                    req.response(),
                                    new SimResponse(
                                            413,
                                            "Request Entity Too Large",
                                            Optional.empty(),
                                            java.time.Duration.ZERO));
                            return;
                        }
                        Map<String, List<String>> bodyParams;
                        try {
                            bodyParams = parseBody(contentType, body.toString(java.nio.charset.StandardCharsets.UTF_8));
                        } catch (UnsupportedOperationException e) {
                            reply(
                                    req.response(),
                                    new SimResponse(
                                            506,
                                            "Unsupported content type",
                                            Optional.empty(),
                                            java.time.Duration.ZERO));
                            return;
                        } catch (java.io.IOException e) {
                            reply(
                                    req.response(),
                                    new SimResponse(
                                            400,
                                            "Parameter verification failed. (invalid JSON)",
                                            Optional.empty(),
                                            java.time.Duration.ZERO));
                            return;
                        }
                        sim = new SimRequest(method, apiPath, RequestDecoding.merge(bodyParams, query), credentials);
                    }
                    reply(req.response(), simulator.handle(sim));
                })
                .onFailure(e -> req.response().setStatusCode(400).end());
    }

    private static Map<String, List<String>> parseBody(String contentType, String body) throws java.io.IOException {
        if (body.isEmpty() || contentType.startsWith("application/x-www-form-urlencoded") || contentType.isEmpty()) {
            return RequestDecoding.form(body);
        }
        if (contentType.startsWith("application/json")) {
            return RequestDecoding.json(body);
        }
        throw new UnsupportedOperationException(contentType);
    }

    /** Multipart uploads stream through: only the file's name and byte count are kept. */
    private void handleMultipart(
            HttpServerRequest req,
            String method,
            String apiPath,
            Credentials credentials,
            Map<String, List<String>> query) {
        req.setExpectMultipart(true);
        AtomicLong size = new AtomicLong();
        String[] fileName = new String[1];
        req.uploadHandler(upload -> {
            fileName[0] = upload.filename();
            upload.handler(chunk -> size.addAndGet(chunk.length()));
        });
        req.endHandler(v -> {
            Map<String, List<String>> form = new LinkedHashMap<>();
            req.formAttributes()
                    .forEach(e -> form.computeIfAbsent(e.getKey(), k -> new java.util.ArrayList<>())
                            .add(e.getValue()));
            if (fileName[0] != null) {
                form.putIfAbsent("filename", List.of(fileName[0]));
            }
            SimRequest sim = new SimRequest(method, apiPath, RequestDecoding.merge(form, query), credentials);
            if (fileName[0] != null) {
                sim = sim.withUpload(new SimRequest.Upload(fileName[0], size.get()));
            }
            reply(req.response(), simulator.handle(sim));
        });
        req.exceptionHandler(e -> req.response().setStatusCode(400).end());
    }

    private void reply(HttpServerResponse response, SimResponse answer) {
        long delayMs = answer.delay().toMillis();
        if (delayMs > 0) {
            vertx.setTimer(delayMs, id -> write(response, answer));
        } else {
            write(response, answer);
        }
    }

    private static void write(HttpServerResponse response, SimResponse answer) {
        if (response.closed()) {
            return;
        }
        response.setStatusCode(answer.status()).setStatusMessage(asciiLine(answer.reasonPhrase()));
        if (answer.jsonBody().isPresent()) {
            response.putHeader("Content-Type", JSON_TYPE).end(answer.jsonBody().get());
        } else {
            response.end();
        }
    }

    private static String asciiLine(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            sb.append(c >= 0x20 && c < 0x7f ? c : ' ');
        }
        return sb.toString();
    }
}
