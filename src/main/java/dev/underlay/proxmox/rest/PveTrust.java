package dev.underlay.proxmox.rest;

import dev.underlay.proxmox.TlsVerificationException.Reason;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;

/**
 * How one cluster's server certificates are checked, built explicitly from the connection settings and never
 * from Quarkus' default TLS configuration (tests set {@code quarkus.tls.trust-all=true} JVM-wide).
 *
 * <ul>
 * <li>{@link Mode#SYSTEM}: the JDK trust store plus host name verification;</li>
 * <li>{@link Mode#CA_BUNDLE}: only the given PEM CAs plus host name verification;</li>
 * <li>{@link Mode#FINGERPRINT}: exactly the pinned leaf certificate, whatever its issuer or names;</li>
 * <li>{@link Mode#INSECURE}: anything (the transport warns on every new connection).</li>
 * </ul>
 */
final class PveTrust {

    enum Mode {
        SYSTEM,
        CA_BUNDLE,
        FINGERPRINT,
        INSECURE
    }

    private final Mode mode;
    private final X509ExtendedTrustManager trustManager;

    private PveTrust(Mode mode, X509ExtendedTrustManager trustManager) {
        this.mode = mode;
        this.trustManager = trustManager;
    }

    static PveTrust from(PveConnectionSettings settings) {
        if (settings.insecureSkipVerify()) {
            return new PveTrust(Mode.INSECURE, new AcceptAll());
        }
        if (settings.fingerprintSha256() != null) {
            return new PveTrust(Mode.FINGERPRINT, new Pinned(CertificatePins.normalize(settings.fingerprintSha256())));
        }
        if (settings.caPem() != null) {
            return new PveTrust(Mode.CA_BUNDLE, new Verifying(pkix(caKeyStore(settings.caPem()))));
        }
        return new PveTrust(Mode.SYSTEM, new Verifying(pkix(null)));
    }

    Mode mode() {
        return mode;
    }

    X509ExtendedTrustManager trustManager() {
        return trustManager;
    }

    /** Pinning and insecure mode deliberately skip host name checks; the other modes require them. */
    boolean verifiesHostname() {
        return mode == Mode.SYSTEM || mode == Mode.CA_BUNDLE;
    }

    private static KeyStore caKeyStore(String pem) {
        try {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("the CA bundle holds no certificate");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot read the CA bundle: " + e.getMessage(), e);
        }
    }

    private static X509ExtendedTrustManager pkix(KeyStore store) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager tm : factory.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager extended) {
                    return extended;
                }
            }
            throw new IllegalStateException("no X509ExtendedTrustManager available");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build trust manager", e);
        }
    }

    /** Server-side checks only; this client never accepts client certificates. */
    private abstract static class ServerOnly extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("client certificates are not accepted");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /**
     * PKIX validation first without, then with the engine, so a chain problem and a host name mismatch surface
     * as different {@link TrustFailure} reasons.
     */
    private static final class Verifying extends ServerOnly {
        private final X509ExtendedTrustManager delegate;

        Verifying(X509ExtendedTrustManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                delegate.checkServerTrusted(chain, authType);
            } catch (CertificateException e) {
                throw new TrustFailure(Reason.UNTRUSTED_CA, "server certificate not trusted: " + e.getMessage(), e);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            checkServerTrusted(chain, authType);
            try {
                delegate.checkServerTrusted(chain, authType, engine);
            } catch (CertificateException e) {
                throw new TrustFailure(
                        Reason.HOSTNAME_MISMATCH, "server certificate does not match the host: " + e.getMessage(), e);
            }
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }

    private static final class Pinned extends ServerOnly {
        private final String pin;

        Pinned(String normalizedPin) {
            this.pin = normalizedPin;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new TrustFailure(Reason.FINGERPRINT_MISMATCH, "server sent no certificate", null);
            }
            String actual = CertificatePins.fingerprint(chain[0]);
            if (!CertificatePins.normalize(actual).equals(pin)) {
                throw new TrustFailure(
                        Reason.FINGERPRINT_MISMATCH,
                        "server certificate fingerprint " + actual + " does not match the pinned fingerprint",
                        null);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            checkServerTrusted(chain, authType);
        }
    }

    private static final class AcceptAll extends ServerOnly {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // insecureSkipVerify: the user asked for no verification; the transport warns per connection
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            // see above
        }
    }
}
