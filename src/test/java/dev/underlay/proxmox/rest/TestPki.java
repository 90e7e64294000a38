package dev.underlay.proxmox.rest;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

/** Throw-away CAs and server certificates for TLS tests (EC P-256: fast to generate). */
final class TestPki {

    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

    record Issued(X509Certificate certificate, PrivateKey key) {
        String certificatePem() {
            return pem("CERTIFICATE", encoded(certificate));
        }

        String keyPem() {
            return pem("PRIVATE KEY", key.getEncoded());
        }

        String fingerprint() {
            return CertificatePins.fingerprint(certificate);
        }
    }

    private TestPki() {}

    static Issued ca(String name) {
        KeyPair keys = keyPair();
        return new Issued(
                sign(new X500Name("CN=" + name), keys, new X500Name("CN=" + name), keys.getPrivate(), true, null),
                keys.getPrivate());
    }

    /** A server certificate for {@code 127.0.0.1}/{@code localhost} (or other names) signed by {@code ca}. */
    static Issued server(Issued ca, String... names) {
        KeyPair keys = keyPair();
        String[] sans = names.length == 0 ? new String[] {"127.0.0.1", "localhost"} : names;
        X500Name issuer =
                new X500Name(ca.certificate().getSubjectX500Principal().getName());
        return new Issued(sign(new X500Name("CN=" + sans[0]), keys, issuer, ca.key(), false, sans), keys.getPrivate());
    }

    private static X509Certificate sign(
            X500Name subject, KeyPair keys, X500Name issuer, PrivateKey issuerKey, boolean isCa, String[] sans) {
        try {
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    issuer,
                    BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(2))),
                    subject,
                    keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
            if (sans != null) {
                GeneralName[] names = new GeneralName[sans.length];
                for (int i = 0; i < sans.length; i++) {
                    names[i] = sans[i].matches("[0-9.]+")
                            ? new GeneralName(GeneralName.iPAddress, sans[i])
                            : new GeneralName(GeneralName.dNSName, sans[i]);
                }
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            }
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
