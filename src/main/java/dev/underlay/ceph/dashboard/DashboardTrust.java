package dev.underlay.ceph.dashboard;

import dev.underlay.proxmox.rest.CertificatePins;

import javax.net.ssl.SSLContext;
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

/**
 * The SSL context of one Dashboard: the system trust store, a CA bundle (both with the JDK's host name check), or a
 * SHA-256 pin of the leaf certificate in the same notation as the Proxmox client ({@link CertificatePins}), which
 * skips the host name check because the pin names the exact certificate.
 */
final class DashboardTrust {

    private DashboardTrust() {}

    static SSLContext sslContext(DashboardSettings settings) {
        try {
            TrustManager trust;
            if (settings.fingerprintSha256() != null) {
                trust = new Pinned(CertificatePins.normalize(settings.fingerprintSha256()));
            } else if (settings.caPem() != null) {
                TrustManagerFactory factory =
                        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init(caStore(settings.caPem()));
                trust = factory.getTrustManagers()[0];
            } else {
                return SSLContext.getDefault();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the Dashboard's TLS context", e);
        }
    }

    private static KeyStore caStore(String pem) throws GeneralSecurityException {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                store.setCertificateEntry("ca-" + i++, c);
            }
            if (i == 0) {
                throw new IllegalArgumentException("the CA bundle holds no certificate");
            }
            return store;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the CA bundle: " + e.getMessage(), e);
        }
    }

    /** Accepts exactly the pinned leaf certificate; the engine/socket variants add no host name check on purpose. */
    private static final class Pinned extends X509ExtendedTrustManager {
        private final String pin;

        Pinned(String pin) {
            this.pin = pin;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new CertificateException("the Dashboard sent no certificate");
            }
            String actual = CertificatePins.fingerprint(chain[0]);
            if (!CertificatePins.normalize(actual).equals(pin)) {
                throw new CertificateException(
                        "the Dashboard's certificate " + actual + " does not match the pinned fingerprint");
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            checkServerTrusted(chain, authType);
        }

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
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
