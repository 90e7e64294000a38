package dev.underlay.proxmox.rest;

import dev.underlay.proxmox.ProxmoxApiException;
import dev.underlay.proxmox.TlsVerificationException;
import dev.underlay.proxmox.TransientException;
import dev.underlay.proxmox.rest.EndpointFailover.AttemptFailure;
import io.quarkus.logging.Log;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.vertx.core.http.HttpConnection;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.client.api.ClientMultipartForm;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import java.io.Closeable;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link PveTransport} over HTTPS with the Quarkus REST client: one client per endpoint, built at run time with
 * {@link QuarkusRestClientBuilder} (endpoints, trust and token come from a ProxmoxCluster, so there is no static
 * configuration key). Adds token auth, explicit TLS trust, endpoint failover and per-cluster request limits.
 *
 * <p>Building needs a running Quarkus application (the REST client looks up the ArC container).
 */
public final class HttpPveTransport implements PveTransport {

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final List<Endpoint> endpoints;
    private final EndpointFailover<Endpoint> failover;
    private final RequestLimiter limiter;

    private HttpPveTransport(List<Endpoint> endpoints, RequestLimiter limiter) {
        this.endpoints = endpoints;
        this.failover = new EndpointFailover<>(endpoints);
        this.limiter = limiter;
    }

    public static HttpPveTransport create(PveConnectionSettings settings) {
        PveTrust trust = PveTrust.from(settings);
        String name = "underlay-pve-" + INSTANCES.incrementAndGet();
        PveTlsConfiguration tls = new PveTlsConfiguration(name, trust, settings.connectTimeout());
        PveTokenAuthFilter auth = new PveTokenAuthFilter(settings.tokenId(), settings.tokenSecret());
        Set<HttpConnection> seenConnections =
                Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
        List<Endpoint> endpoints = new ArrayList<>();
        for (URI uri : settings.endpoints()) {
            URI base = baseUri(uri);
            if ("http".equals(base.getScheme())) {
                Log.warnf("PVE endpoint %s uses plain HTTP: the API token travels unencrypted", base);
            }
            if (trust.mode() == PveTrust.Mode.INSECURE) {
                Log.warnf("PVE endpoint %s: TLS certificate verification is disabled (insecureSkipVerify)", base);
            }
            QuarkusRestClientBuilder builder = QuarkusRestClientBuilder.newBuilder()
                    .baseUri(base)
                    .tlsConfiguration(tls)
                    .trustAll(false)
                    .verifyHost(trust.verifiesHostname())
                    .connectTimeout(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .readTimeout(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .followRedirects(false)
                    .disableDefaultMapper(true)
                    .loggingMaskedHeaders(Set.of("Authorization"))
                    .register(auth);
            if (trust.mode() == PveTrust.Mode.INSECURE) {
                builder.httpClientRequestCustomizer(
                        request -> warnOnNewConnection(base, request.connection(), seenConnections));
            }
            endpoints.add(new Endpoint(base, builder.build(PveHttp.class)));
        }
        Log.infof(
                "PVE client %s for %s (trust %s, %d concurrent, %.1f req/s)",
                name, settings.endpoints(), trust.mode(), settings.maxConcurrent(), settings.requestsPerSecond());
        RequestLimiter limiter = new RequestLimiter(
                settings.maxConcurrent(),
                settings.requestsPerSecond(),
                settings.readTimeout().plus(settings.connectTimeout()));
        return new HttpPveTransport(List.copyOf(endpoints), limiter);
    }

    @Override
    public PveResponse exchange(PveRequest request) throws ProxmoxApiException {
        try (RequestLimiter.Permit ignored = limiter.acquire()) {
            return failover.execute(request, endpoint -> send(endpoint, request));
        }
    }

    /** Requests currently waiting for a concurrency slot (for tests and metrics). */
    int queued() {
        return limiter.queued();
    }

    /** The endpoint the next request goes to first (the last one that answered). */
    public URI preferredEndpoint() {
        return failover.preferred().base();
    }

    @Override
    public void close() {
        for (Endpoint endpoint : endpoints) {
            if (endpoint.http() instanceof Closeable closeable) {
                try {
                    closeable.close();
                } catch (IOException e) {
                    Log.debugf("closing PVE client for %s: %s", endpoint.base(), e.getMessage());
                }
            }
        }
    }

    private PveResponse send(Endpoint endpoint, PveRequest request) throws AttemptFailure {
        String target = PveWire.target(request).substring(1);
        try (Response response = dispatch(endpoint.http(), request, target)) {
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            Log.debugf("PVE %s %s -> %d", endpoint.base(), request.describe(), response.getStatus());
            return new PveResponse(
                    response.getStatus(), response.getStatusInfo().getReasonPhrase(), body);
        } catch (ProcessingException e) {
            // the REST client wraps every transport-level failure (connect, TLS, timeout, reset) in this type
            throw classify(endpoint, request, e);
        }
    }

    private static Response dispatch(PveHttp http, PveRequest request, String target) {
        switch (request.method()) {
            case GET:
                return http.get(target);
            case DELETE:
                return http.delete(target);
            case PUT:
                return http.put(target, PveWire.body(request));
            case POST:
                return request.upload() == null
                        ? http.post(target, PveWire.body(request))
                        : http.upload(target, multipart(request));
            default:
                throw new IllegalArgumentException("unsupported method " + request.method());
        }
    }

    /** Text parameters first, the file last, as pveproxy's streaming upload parser expects. */
    private static ClientMultipartForm multipart(PveRequest request) {
        ClientMultipartForm form = ClientMultipartForm.create();
        for (Map.Entry<String, String> e : request.params().entries()) {
            form.attribute(e.getKey(), e.getValue(), null);
        }
        PveUpload upload = request.upload();
        form.binaryFileUpload("filename", upload.filename(), upload.file().toString(), upload.mediaType());
        return form;
    }

    /**
     * Sorts a failure without an answer: trust problems are permanent and never fail over; connection problems
     * may fail over for any request; a timeout after sending only for reads, because a write may have run.
     */
    private AttemptFailure classify(Endpoint endpoint, PveRequest request, RuntimeException e) {
        String where = request.describe() + " via " + endpoint.base();
        TrustFailure trustFailure = find(e, TrustFailure.class);
        if (trustFailure != null) {
            return new AttemptFailure(
                    new TlsVerificationException(trustFailure.reason(), where + ": " + trustFailure.getMessage(), e),
                    false);
        }
        SSLHandshakeException handshake = find(e, SSLHandshakeException.class);
        if (handshake != null && !mentionsTimeout(handshake)) {
            return new AttemptFailure(
                    new TlsVerificationException(
                            TlsVerificationException.Reason.HANDSHAKE_FAILED,
                            where + ": TLS handshake failed: " + handshake.getMessage(),
                            e),
                    false);
        }
        if (handshake != null
                || find(e, ConnectException.class) != null
                || find(e, NoRouteToHostException.class) != null
                || find(e, UnknownHostException.class) != null
                || find(e, UnresolvedAddressException.class) != null
                || isConnectTimeout(e)) {
            return new AttemptFailure(
                    new TransientException(0, where + ": cannot connect: " + rootMessage(e), e), true);
        }
        if (find(e, TimeoutException.class) != null || mentionsTimeout(e)) {
            return new AttemptFailure(
                    new TransientException(0, where + ": no answer in time: " + rootMessage(e), e),
                    !request.isMutating());
        }
        if (find(e, SSLException.class) != null || find(e, IOException.class) != null) {
            return new AttemptFailure(
                    new TransientException(0, where + ": connection failed: " + rootMessage(e), e),
                    !request.isMutating());
        }
        return new AttemptFailure(
                new TransientException(0, where + ": request failed: " + rootMessage(e), e), !request.isMutating());
    }

    private static void warnOnNewConnection(URI base, HttpConnection connection, Set<HttpConnection> seen) {
        if (connection != null && seen.add(connection)) {
            Log.warnf(
                    "PVE endpoint %s: new connection to %s without TLS certificate verification "
                            + "(insecureSkipVerify)",
                    base, connection.remoteAddress());
        }
    }

    private static boolean isConnectTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getClass().getSimpleName().equals("ConnectTimeoutException")) {
                return true;
            }
        }
        return false;
    }

    private static boolean mentionsTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && (message.contains("timed out") || message.contains("timeout period"))) {
                return true;
            }
        }
        return false;
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    static URI baseUri(URI uri) {
        String text = uri.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.endsWith("/api2/json")) {
            text = text.substring(0, text.length() - "/api2/json".length());
        }
        return URI.create(text);
    }

    private record Endpoint(URI base, PveHttp http) {
        @Override
        public String toString() {
            return base.toString();
        }
    }
}
