package dev.underlay.proxmox.rest;

import io.quarkus.tls.TlsConfiguration;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.SSLOptions;
import io.vertx.core.net.TrustOptions;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Hands our own trust manager to the Quarkus REST client. Setting an explicit {@link TlsConfiguration} on the
 * builder means neither the default TLS configuration nor {@code quarkus.tls.trust-all} is consulted.
 */
final class PveTlsConfiguration implements TlsConfiguration {

    private final String name;
    private final PveTrust trust;
    private final Duration handshakeTimeout;

    PveTlsConfiguration(String name, PveTrust trust, Duration handshakeTimeout) {
        this.name = name;
        this.trust = trust;
        this.handshakeTimeout = handshakeTimeout;
    }

    @Override
    public KeyStore getKeyStore() {
        return null;
    }

    @Override
    public KeyCertOptions getKeyStoreOptions() {
        return null;
    }

    @Override
    public KeyStore getTrustStore() {
        return null;
    }

    @Override
    public TrustOptions getTrustStoreOptions() {
        return TrustOptions.wrap(trust.trustManager());
    }

    /** Bounds the TLS handshake by the connect timeout (Vert.x would otherwise wait 10 s). */
    @Override
    public SSLOptions getSSLOptions() {
        return new SSLOptions()
                .setSslHandshakeTimeout(handshakeTimeout.toMillis())
                .setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS);
    }

    @Override
    public SSLContext createSSLContext() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trust.trustManager()}, null);
        return context;
    }

    /** Always false: even insecure mode goes through our accept-all trust manager, never Vert.x' trust-all. */
    @Override
    public boolean isTrustAll() {
        return false;
    }

    @Override
    public Optional<String> getHostnameVerificationAlgorithm() {
        return Optional.of(trust.verifiesHostname() ? "HTTPS" : "NONE");
    }

    @Override
    public boolean usesSni() {
        return false;
    }

    @Override
    public boolean reload() {
        return false;
    }

    @Override
    public String getName() {
        return name;
    }
}
