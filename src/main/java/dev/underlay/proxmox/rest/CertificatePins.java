package dev.underlay.proxmox.rest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

/** SHA-256 certificate fingerprints in PVE's notation ({@code AB:CD:...}, as shown in the node's certificate view). */
public final class CertificatePins {

    private CertificatePins() {}

    /** Accepts upper/lower case, with or without colons; returns 64 upper-case hex digits. */
    public static String normalize(String fingerprint) {
        String hex = fingerprint.replace(":", "").replace(" ", "").toUpperCase(Locale.ROOT);
        if (!hex.matches("[0-9A-F]{64}")) {
            throw new IllegalArgumentException("not a SHA-256 fingerprint (64 hex digits, colons optional)");
        }
        return hex;
    }

    /** The certificate's SHA-256 fingerprint, colon-separated upper-case hex. */
    public static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint certificate", e);
        }
    }
}
