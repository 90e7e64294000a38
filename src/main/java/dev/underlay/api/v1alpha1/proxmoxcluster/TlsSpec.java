package dev.underlay.api.v1alpha1.proxmoxcluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.underlay.api.v1alpha1.common.SecretKeyRef;
import dev.underlay.api.v1alpha1.common.ValidationPatterns;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "(has(self.caSecretRef) ? 1 : 0) + (has(self.fingerprintSha256) ? 1 : 0) "
                + "+ (has(self.insecureSkipVerify) && self.insecureSkipVerify ? 1 : 0) <= 1",
        message = "set at most one of caSecretRef, fingerprintSha256, insecureSkipVerify")
public record TlsSpec(
        @JsonPropertyDescription(
                "Secret with the PEM CA bundle that signed the Proxmox certificate (default key ca.crt); "
                        + "e.g. the cluster CA from /etc/pve/pve-root-ca.pem.")
        SecretKeyRef caSecretRef,

        @Size(max = 95)
        @Pattern(ValidationPatterns.SHA256_FINGERPRINT)
        @JsonPropertyDescription(
                "SHA-256 fingerprint of the server certificate (AB:CD:... as shown in the Proxmox GUI under "
                        + "Certificates). The certificate is accepted only if it matches exactly.")
        String fingerprintSha256,

        @JsonPropertyDescription(
                "Skip certificate verification. Insecure: a Warning event is raised and every connection "
                        + "logs a warning. For lab use only.")
        Boolean insecureSkipVerify) {

    public static final String DEFAULT_CA_KEY = "ca.crt";

    public boolean skipVerify() {
        return Boolean.TRUE.equals(insecureSkipVerify);
    }
}
