package dev.underlay.simulator.pve.http;

import io.smallrye.certs.CertificateGenerator;
import io.smallrye.certs.CertificateRequest;
import io.smallrye.certs.Format;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The simulator's TLS identity: a self-signed certificate for {@code localhost} and
 * {@code 127.0.0.1}, generated at start into a private temp directory. Clients trust
 * {@link #certificateFile()} or pin {@link #fingerprint()} as they would a real PVE node.
 */
public final class SelfSignedCertificate {

    private final Path directory;
    private final String certificatePem;
    private final String privateKeyPem;
    private final String fingerprint;

    private SelfSignedCertificate(Path directory, String certificatePem, String privateKeyPem, String fingerprint) {
        this.directory = directory;
        this.certificatePem = certificatePem;
        this.privateKeyPem = privateKeyPem;
        this.fingerprint = fingerprint;
    }

    public static SelfSignedCertificate generate() {
        try {
            Path dir = Files.createTempDirectory("pve-simulator-tls");
            // CN=localhost without explicit SANs makes the generator add DNS:localhost and IP:127.0.0.1
            new CertificateGenerator(dir, true)
                    .generate(new CertificateRequest()
                            .withName("pve-simulator")
                            .withFormat(Format.PEM)
                            .withCN("localhost")
                            .withDuration(Duration.ofDays(365)));
            String cert = Files.readString(dir.resolve("pve-simulator.crt"));
            String key = Files.readString(dir.resolve("pve-simulator.key"));
            return new SelfSignedCertificate(dir, cert, key, sha256Fingerprint(cert));
        } catch (Exception e) {
            throw new IllegalStateException("cannot generate the simulator's TLS certificate", e);
        }
    }

    static String sha256Fingerprint(String pem) throws Exception {
        X509Certificate x509 = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(x509.getEncoded());
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest).toUpperCase(Locale.ROOT);
    }

    public String certificatePem() {
        return certificatePem;
    }

    String privateKeyPem() {
        return privateKeyPem;
    }

    /** {@code AB:CD:...}, the SHA-256 form PVE shows as {@code ssl_fingerprint}. */
    public String fingerprint() {
        return fingerprint;
    }

    /** The certificate as a PEM file, usable as a CA bundle ({@code REQUESTS_CA_BUNDLE}, {@code ca=}). */
    public Path certificateFile() {
        return directory.resolve("pve-simulator.crt");
    }

    /** Removes the temp files; the PEM texts stay usable (servers load them from memory). */
    public void delete() {
        try (var files = Files.list(directory)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            // temp files only; leaving them is harmless
        }
    }
}
