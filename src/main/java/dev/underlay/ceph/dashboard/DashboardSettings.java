package dev.underlay.ceph.dashboard;

import dev.underlay.proxmox.rest.CertificatePins;

import java.net.URI;
import java.time.Duration;

/**
 * Everything needed to reach one Ceph manager Dashboard. {@link #toString()} never shows the password.
 *
 * @param url               base URL ({@code https://ceph-mgr:8443}); plain {@code http} only for local tests
 * @param caPem             PEM bundle of CAs to trust, or null
 * @param fingerprintSha256 SHA-256 pin of the Dashboard's certificate ({@code AB:CD:...}), or null
 * @param requestsPerSecond sustained request rate towards this Dashboard
 */
public record DashboardSettings(
        URI url,
        String username,
        String password,
        String caPem,
        String fingerprintSha256,
        Duration connectTimeout,
        Duration readTimeout,
        double requestsPerSecond) {

    public DashboardSettings {
        if (url == null || !("https".equals(url.getScheme()) || "http".equals(url.getScheme()))) {
            throw new IllegalArgumentException("the Dashboard URL must be http(s): " + url);
        }
        if (username == null || username.isBlank() || password == null || password.isEmpty()) {
            throw new IllegalArgumentException("username and password are required");
        }
        if (caPem != null && fingerprintSha256 != null) {
            throw new IllegalArgumentException("choose one of caPem and fingerprintSha256");
        }
        if (fingerprintSha256 != null) {
            CertificatePins.normalize(fingerprintSha256);
        }
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(30) : readTimeout;
        if (!(requestsPerSecond > 0)) {
            throw new IllegalArgumentException("requestsPerSecond must be positive");
        }
    }

    /** System trust, 10 s connect, 30 s read, 10 requests/s. */
    public static DashboardSettings of(URI url, String username, String password) {
        return new DashboardSettings(url, username, password, null, null, null, null, 10);
    }

    public DashboardSettings withCaPem(String pem) {
        return new DashboardSettings(
                url, username, password, pem, null, connectTimeout, readTimeout, requestsPerSecond);
    }

    public DashboardSettings withFingerprint(String sha256) {
        return new DashboardSettings(
                url, username, password, null, sha256, connectTimeout, readTimeout, requestsPerSecond);
    }

    @Override
    public String toString() {
        return "DashboardSettings[url=" + url + ", username=" + username + ", password=***, trust="
                + (fingerprintSha256 != null ? "pinned" : caPem != null ? "ca-bundle" : "system")
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + ", requestsPerSecond="
                + requestsPerSecond + "]";
    }
}
