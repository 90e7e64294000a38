package dev.underlay.api.v1alpha1.talosnodevm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record CpuSpec(
        @Default("2") @Min(1) @Max(512) @JsonPropertyDescription("Cores per socket. Default 2.")
        Integer cores,

        @Default("1") @Min(1) @Max(4) @JsonPropertyDescription("Sockets. Default 1.")
        Integer sockets,

        @Default("x86-64-v2-AES")
        @Pattern("^[a-zA-Z0-9][a-zA-Z0-9_.+-]*$")
        @JsonPropertyDescription("QEMU CPU model. Default x86-64-v2-AES. 'host' is faster but blocks live migration "
                + "between different CPUs.")
        String type) {

    public static final String DEFAULT_TYPE = "x86-64-v2-AES";

    public CpuSpec {
        cores = cores == null ? 2 : cores;
        sockets = sockets == null ? 1 : sockets;
        type = type == null ? DEFAULT_TYPE : type;
    }
}
