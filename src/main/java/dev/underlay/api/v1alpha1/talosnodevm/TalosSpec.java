package dev.underlay.api.v1alpha1.talosnodevm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.underlay.api.v1alpha1.common.SecretKeyRef;
import dev.underlay.api.v1alpha1.common.ValidationPatterns;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record TalosSpec(
        @JsonPropertyDescription(
                "Secret with the Talos machine configuration (default key machineconfig), delivered as "
                        + "NoCloud user-data. Never logged.")
        SecretKeyRef machineConfigSecretRef,

        @Size(max = 253)
        @Pattern(ValidationPatterns.DNS_SUBDOMAIN)
        @JsonPropertyDescription("Name of the Kubernetes Node this VM becomes, to read its readiness from this very "
                + "cluster (e.g. talos-k8s-01). Default: metadata.name.")
        String kubernetesNodeName) {

    public static final String DEFAULT_MACHINE_CONFIG_KEY = "machineconfig";
}
