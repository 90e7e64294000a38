package dev.underlay.connection;

import dev.underlay.config.UnderlayConfig;
import dev.underlay.proxmox.rest.HttpPveTransport;
import dev.underlay.proxmox.rest.PveConnectionSettings;
import dev.underlay.proxmox.rest.PveRestApi;

import java.net.URI;
import java.util.List;

/** The real Proxmox VE API over HTTPS, TLS as spec.tls says (CA bundle, SHA-256 pin, or loudly none). */
final class RestBackend implements ApiBackend {

    private final UnderlayConfig.Proxmox settings;

    RestBackend(UnderlayConfig.Proxmox settings) {
        this.settings = settings;
    }

    @Override
    public Opened open(ConnectionRequest request) {
        List<URI> endpoints = request.endpoints().stream().map(URI::create).toList();
        PveConnectionSettings connection = PveConnectionSettings.of(endpoints, request.tokenId(), request.tokenSecret())
                .withTimeouts(settings.connectTimeout(), settings.readTimeout())
                .withLimits(settings.maxConcurrent(), settings.requestsPerSecond());
        if (request.caPem().isPresent()) {
            connection = connection.withCaPem(request.caPem().get());
        } else if (request.fingerprintSha256().isPresent()) {
            connection = connection.withFingerprint(request.fingerprintSha256().get());
        } else if (request.insecureSkipVerify()) {
            connection = connection.withInsecureSkipVerify();
        }
        // the transport is built here rather than through PveClientFactory so that status can name the endpoint
        // that answered
        HttpPveTransport transport = HttpPveTransport.create(connection);
        return new Opened(
                new PveRestApi(transport), () -> transport.preferredEndpoint().toString());
    }
}
