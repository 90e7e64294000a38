package dev.underlay.ceph.dashboard;

import dev.underlay.ceph.CephApiException;
import dev.underlay.ceph.CephTlsVerificationException;
import dev.underlay.ceph.CephUnavailableException;

import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * The Dashboard over the JDK's {@link HttpClient}. The Proxmox client uses the Quarkus REST client, which can only be
 * built inside a running Quarkus application; this backend is also driven from plain integration tests and
 * command-line probes, and it needs no JAX-RS features (one JSON body, one header set). HTTP/1.1 is forced:
 * CherryPy does not speak HTTP/2, and skipping the h2c upgrade saves a round trip.
 */
final class HttpDashboardTransport implements DashboardTransport {

    private final URI base;
    private final Duration readTimeout;
    private final HttpClient client;
    private final RequestPacing pacing;

    HttpDashboardTransport(DashboardSettings settings) {
        String text = settings.url().toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.readTimeout = settings.readTimeout();
        this.pacing = new RequestPacing(settings.requestsPerSecond());
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        if ("https".equals(base.getScheme())) {
            builder.sslContext(DashboardTrust.sslContext(settings));
        }
        this.client = builder.build();
    }

    @Override
    public DashboardExchange.Answer send(DashboardExchange exchange) throws CephApiException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + exchange.path()))
                .timeout(readTimeout)
                .header("Accept", "application/vnd.ceph.api.v" + exchange.apiVersion() + "+json");
        if (exchange.token() != null) {
            request.header("Authorization", "Bearer " + exchange.token());
        }
        if (exchange.json() != null) {
            request.header("Content-Type", "application/json");
            request.method(exchange.method(), HttpRequest.BodyPublishers.ofString(exchange.json()));
        } else {
            request.method(exchange.method(), HttpRequest.BodyPublishers.noBody());
        }
        pacing.awaitTurn();
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new DashboardExchange.Answer(response.statusCode(), response.body());
        } catch (SSLHandshakeException e) {
            throw new CephTlsVerificationException(
                    exchange.describe() + " via " + base + ": TLS handshake failed: " + e.getMessage(), e);
        } catch (HttpTimeoutException e) {
            throw new CephUnavailableException(0, exchange.describe() + " via " + base + ": no answer in time", e);
        } catch (IOException e) {
            throw new CephUnavailableException(
                    0, exchange.describe() + " via " + base + ": connection failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CephUnavailableException(0, exchange.describe() + ": interrupted", e);
        }
    }
}
