package dev.underlay.api.v1alpha1.proxmoxcluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.underlay.api.v1alpha1.common.SecretRef;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record CephDashboardSpec(
        @Required
        @Pattern("^https?://[^\\s/]+(:[0-9]{1,5})?/?$")
        @JsonPropertyDescription("Ceph dashboard base URL, e.g. https://10.8.16.10:8443.")
        String url,
        @Required
        @JsonPropertyDescription("Secret with keys username and password of a dashboard user with pool privileges.")
        SecretRef credentialsSecretRef,
        @JsonPropertyDescription("How the dashboard certificate is verified.")
        TlsSpec tls) {
}
