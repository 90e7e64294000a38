package dev.underlay.proxmox.rest;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Everything needed to reach one Proxmox VE cluster. Plain data: the operator fills it from a ProxmoxCluster and
 * its Secret. {@link #toString()} never shows the token secret.
 *
 * @param endpoints          base URLs ({@code https://pve1:8006}), tried in order with failover
 * @param tokenId            {@code user@realm!tokenid}
 * @param tokenSecret        the token's UUID secret
 * @param caPem              PEM bundle of CAs to trust (e.g. the cluster's {@code pve-root-ca.pem}); or null
 * @param fingerprintSha256  SHA-256 pin of the server's leaf certificate ({@code AB:CD:...}); or null
 * @param insecureSkipVerify accept any certificate (logged as a warning on every new connection)
 * @param maxConcurrent      requests in flight at once towards this cluster
 * @param requestsPerSecond  sustained request rate towards this cluster (bursts up to the same number)
 */
public record PveConnectionSettings(
        List<URI> endpoints,
        String tokenId,
        String tokenSecret,
        String caPem,
        String fingerprintSha256,
        boolean insecureSkipVerify,
        Duration connectTimeout,
        Duration readTimeout,
        int maxConcurrent,
        double requestsPerSecond) {

    private static final Pattern TOKEN_ID =
            Pattern.compile("[^\\s:/]+@[A-Za-z][A-Za-z0-9.\\-_]+![A-Za-z][A-Za-z0-9.\\-_]+");

    public PveConnectionSettings {
        endpoints = List.copyOf(endpoints);
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("at least one endpoint is required");
        }
        for (URI uri : endpoints) {
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
                throw new IllegalArgumentException("endpoint must be an http(s) URL: " + uri);
            }
        }
        if (tokenId == null || !TOKEN_ID.matcher(tokenId).matches()) {
            throw new IllegalArgumentException("token id must look like user@realm!tokenid");
        }
        if (tokenSecret == null || tokenSecret.isBlank()) {
            throw new IllegalArgumentException("token secret missing");
        }
        int trustModes = (caPem != null ? 1 : 0) + (fingerprintSha256 != null ? 1 : 0) + (insecureSkipVerify ? 1 : 0);
        if (trustModes > 1) {
            throw new IllegalArgumentException("choose one of caPem, fingerprintSha256 and insecureSkipVerify");
        }
        if (fingerprintSha256 != null) {
            CertificatePins.normalize(fingerprintSha256);
        }
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(60) : readTimeout;
        if (connectTimeout.isNegative()
                || connectTimeout.isZero()
                || readTimeout.isNegative()
                || readTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be at least 1");
        }
        if (!(requestsPerSecond > 0)) {
            throw new IllegalArgumentException("requestsPerSecond must be positive");
        }
    }

    /** Defaults: CA-less (system trust), 10 s connect, 60 s read, 4 concurrent, 10 requests/s. */
    public static PveConnectionSettings of(List<URI> endpoints, String tokenId, String tokenSecret) {
        return new PveConnectionSettings(endpoints, tokenId, tokenSecret, null, null, false, null, null, 4, 10);
    }

    public PveConnectionSettings withCaPem(String pem) {
        return new PveConnectionSettings(
                endpoints,
                tokenId,
                tokenSecret,
                pem,
                null,
                false,
                connectTimeout,
                readTimeout,
                maxConcurrent,
                requestsPerSecond);
    }

    public PveConnectionSettings withFingerprint(String sha256) {
        return new PveConnectionSettings(
                endpoints,
                tokenId,
                tokenSecret,
                null,
                sha256,
                false,
                connectTimeout,
                readTimeout,
                maxConcurrent,
                requestsPerSecond);
    }

    public PveConnectionSettings withInsecureSkipVerify() {
        return new PveConnectionSettings(
                endpoints,
                tokenId,
                tokenSecret,
                null,
                null,
                true,
                connectTimeout,
                readTimeout,
                maxConcurrent,
                requestsPerSecond);
    }

    public PveConnectionSettings withTimeouts(Duration connect, Duration read) {
        return new PveConnectionSettings(
                endpoints,
                tokenId,
                tokenSecret,
                caPem,
                fingerprintSha256,
                insecureSkipVerify,
                connect,
                read,
                maxConcurrent,
                requestsPerSecond);
    }

    public PveConnectionSettings withLimits(int concurrent, double perSecond) {
        return new PveConnectionSettings(
                endpoints,
                tokenId,
                tokenSecret,
                caPem,
                fingerprintSha256,
                insecureSkipVerify,
                connectTimeout,
                readTimeout,
                concurrent,
                perSecond);
    }

    @Override
    public String toString() {
        return "PveConnectionSettings[endpoints=" + endpoints + ", tokenId=" + tokenId + ", tokenSecret=***"
                + ", trust="
                + (insecureSkipVerify
                        ? "insecure"
                        : fingerprintSha256 != null ? "pinned" : caPem != null ? "ca-bundle" : "system")
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + ", maxConcurrent="
                + maxConcurrent + ", requestsPerSecond=" + requestsPerSecond + "]";
    }
}
