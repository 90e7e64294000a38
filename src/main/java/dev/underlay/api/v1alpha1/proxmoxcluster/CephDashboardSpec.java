package dev.underlay.api.v1alpha1.proxmoxcluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.underlay.api.v1alpha1.common.SecretRef;
import dev.underlay.api.v1alpha1.common.ValidationPatterns;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record CephDashboardSpec(
        @Required
        @Size(max = 263)
        @Pattern(ValidationPatterns.HTTP_BASE_URL)
        @JsonPropertyDescription("Ceph dashboard base URL without a path, e.g. https://10.8.16.10:8443.")
        String url,

        @Required
        @JsonPropertyDescription("Secret with keys username and password of a dashboard user with pool privileges.")
        SecretRef credentialsSecretRef,

        @JsonPropertyDescription("How the dashboard certificate is verified.")
        TlsSpec tls) {}
