package dev.underlay.controller.proxmoxcluster;

import dev.underlay.api.v1alpha1.common.ConditionReasons;
import dev.underlay.api.v1alpha1.common.ConditionTypes;
import dev.underlay.api.v1alpha1.common.SecretKeyRef;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxClusterSpec;
import dev.underlay.api.v1alpha1.proxmoxcluster.TlsSpec;
import dev.underlay.controller.support.ConditionState;
import dev.underlay.controller.support.SecretContents;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Resolves a ProxmoxCluster's credentials Secret and TLS CA Secret into a {@link ClusterAccess}, or says, as a
 * Ready=False state, what is missing. Messages name Secrets and keys, never values.
 */
final class ClusterAccessResolver {

    static final String TOKEN_ID_KEY = "tokenId";
    static final String TOKEN_SECRET_KEY = "tokenSecret";
    /** user@realm!tokenname, with Proxmox's character rules for realm and token name. */
    private static final Pattern TOKEN_ID =
            Pattern.compile("^[^\\s@!:]+@[A-Za-z][A-Za-z0-9._-]*![A-Za-z][A-Za-z0-9._-]*$");

    private static final String WHITESPACE = " has leading or trailing whitespace (a trailing newline from echo?)";

    private final Function<String, Optional<SecretContents>> secrets;

    /** @param secrets looks a Secret up by name in the cluster's namespace */
    ClusterAccessResolver(Function<String, Optional<SecretContents>> secrets) {
        this.secrets = secrets;
    }

    AccessResolution resolve(ProxmoxCluster cluster) {
        ProxmoxClusterSpec spec = cluster.getSpec();
        String credentialsName = spec.credentialsSecretRef().name();
        Optional<SecretContents> credentials = secrets.apply(credentialsName);
        if (credentials.isEmpty()) {
            return AccessResolution.blocked(
                    ConditionReasons.CREDENTIALS_SECRET_MISSING,
                    "Secret " + credentialsName
                            + " not found in namespace " + cluster.getMetadata().getNamespace()
                            + "; create it with keys " + TOKEN_ID_KEY + " and " + TOKEN_SECRET_KEY);
        }
        Optional<String> tokenProblem = tokenProblem(credentials.get());
        if (tokenProblem.isPresent()) {
            return AccessResolution.blocked(
                    ConditionReasons.CREDENTIALS_SECRET_INVALID,
                    "Secret " + credentialsName + ": " + tokenProblem.get());
        }
        ApiToken token = new ApiToken(
                credentials.get().text(TOKEN_ID_KEY).orElseThrow(),
                credentials.get().text(TOKEN_SECRET_KEY).orElseThrow());

        TlsSpec tls = spec.tls();
        Optional<String> caPem = Optional.empty();
        Optional<String> caVersion = Optional.empty();
        if (tls != null && tls.caSecretRef() != null) {
            SecretKeyRef caRef = tls.caSecretRef();
            String caKey = caRef.keyOr(TlsSpec.DEFAULT_CA_KEY);
            Optional<SecretContents> caSecret = secrets.apply(caRef.name());
            if (caSecret.isEmpty()) {
                return AccessResolution.blocked(
                        ConditionReasons.SECRET_MISSING,
                        "CA Secret " + caRef.name() + " (tls.caSecretRef) not found in namespace "
                                + cluster.getMetadata().getNamespace());
            }
            caPem = caSecret.get().text(caKey).filter(value -> !value.isBlank());
            if (caPem.isEmpty()) {
                return AccessResolution.blocked(
                        ConditionReasons.SECRET_MISSING,
                        "CA Secret " + caRef.name() + " has no key " + caKey + " (or it is empty)");
            }
            if (!holdsPemCertificate(caPem.get())) {
                return AccessResolution.blocked(
                        ConditionReasons.SECRET_INVALID,
                        "key " + caKey + " of CA Secret " + caRef.name() + " holds no PEM certificate");
            }
            caVersion = Optional.ofNullable(caSecret.get().resourceVersion());
        }
        return AccessResolution.resolved(new ClusterAccess(
                spec.endpoints(),
                token,
                credentials.get().resourceVersion(),
                caPem,
                caVersion,
                Optional.ofNullable(tls == null ? null : tls.fingerprintSha256()),
                tls != null && tls.skipVerify()));
    }

    private static Optional<String> tokenProblem(SecretContents credentials) {
        Optional<String> tokenId = credentials.text(TOKEN_ID_KEY);
        Optional<String> tokenSecret = credentials.text(TOKEN_SECRET_KEY);
        if (tokenId.isEmpty() || tokenId.get().isEmpty()) {
            return Optional.of("key " + TOKEN_ID_KEY + " is missing or empty");
        }
        if (tokenSecret.isEmpty() || tokenSecret.get().isEmpty()) {
            return Optional.of("key " + TOKEN_SECRET_KEY + " is missing or empty");
        }
        if (!tokenId.get().equals(tokenId.get().strip())) {
            return Optional.of("key " + TOKEN_ID_KEY + WHITESPACE);
        }
        if (!tokenSecret.get().equals(tokenSecret.get().strip())) {
            return Optional.of("key " + TOKEN_SECRET_KEY + WHITESPACE);
        }
        if (!TOKEN_ID.matcher(tokenId.get()).matches()) {
            return Optional.of("key " + TOKEN_ID_KEY + " is not of the form user@realm!tokenname");
        }
        return Optional.empty();
    }

    private static boolean holdsPemCertificate(String pem) {
        if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
            return false;
        }
        try {
            return !CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
                    .isEmpty();
        } catch (CertificateException e) {
            return false;
        }
    }

    /** Either the resolved access, or the reason the cluster cannot be connected to yet. */
    record AccessResolution(ClusterAccess access, ConditionState blocker) {

        static AccessResolution resolved(ClusterAccess access) {
            return new AccessResolution(access, null);
        }

        static AccessResolution blocked(String reason, String message) {
            return new AccessResolution(null, ConditionState.isFalse(ConditionTypes.READY, reason, message));
        }

        boolean isBlocked() {
            return blocker != null;
        }
    }
}
