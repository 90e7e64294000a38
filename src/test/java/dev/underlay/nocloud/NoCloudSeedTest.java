package dev.underlay.nocloud;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NoCloudSeedTest {

    static final String SECRET = "token: 7f3kq2.abcdefghijklmnop";
    static final byte[] MACHINE_CONFIG =
            ("version: v1alpha1\nmachine:\n  " + SECRET + "\n").getBytes(StandardCharsets.UTF_8);
    static final Instant RECORDED_AT = Instant.parse("2025-06-01T00:00:00Z");

    static StaticInterface eth0() {
        return new StaticInterface(
                "eth0",
                "52-54-00-12-34-56",
                List.of("10.0.0.5/24", "fd00::5/64"),
                List.of("10.0.0.1", "fd00::1"),
                List.of("10.0.0.53", "1.1.1.1"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(byte[] document) {
        // SnakeYAML reads YAML 1.1, where an unquoted 52:54:00:12:34:56 would be a base-60 number: a string here proves
        // the writer quoted it
        return (Map<String, Object>) new Yaml().load(new String(document, StandardCharsets.UTF_8));
    }

    @Test
    void metaDataHoldsTheInstanceIdAndLocalHostname() {
        NoCloudSeed seed = new NoCloudSeed(MACHINE_CONFIG, "talos-cp-1", List.of());

        assertThat(yaml(seed.metaData()))
                .containsExactly(
                        Map.entry("instance-id", seed.instanceId()), Map.entry("local-hostname", "talos-cp-1"));
        assertThat(seed.instanceId()).matches("iid-[0-9a-f]{20}");
    }

    @Test
    void withoutStaticAddressingThereIsNoNetworkConfig() {
        NoCloudSeed seed = new NoCloudSeed(MACHINE_CONFIG, "talos-cp-1", List.of());
        Map<String, byte[]> files = new IsoImageReader(seed.image(RECORDED_AT)).files();

        assertThat(seed.networkConfig()).isEmpty();
        assertThat(files.keySet()).containsExactly("meta-data", "user-data");
        assertThat(files.get("user-data")).isEqualTo(MACHINE_CONFIG);
        assertThat(files.get("meta-data")).isEqualTo(seed.metaData());
    }

    @Test
    @SuppressWarnings("unchecked")
    void networkConfigVersion2MatchesEachInterfaceByMacAddress() {
        NoCloudSeed seed = new NoCloudSeed(MACHINE_CONFIG, "talos-cp-1", List.of(eth0()));
        Map<String, Object> config = yaml(seed.networkConfig().orElseThrow());

        assertThat(config).containsOnlyKeys("version", "ethernets");
        assertThat(config.get("version")).isEqualTo(2);
        Map<String, Object> ethernets = (Map<String, Object>) config.get("ethernets");
        assertThat(ethernets).containsOnlyKeys("eth0");
        Map<String, Object> eth0 = (Map<String, Object>) ethernets.get("eth0");
        assertThat(eth0).containsOnlyKeys("match", "addresses", "routes", "nameservers");
        assertThat(eth0.get("match")).isEqualTo(Map.of("macaddress", "52:54:00:12:34:56"));
        assertThat(eth0.get("addresses")).isEqualTo(List.of("10.0.0.5/24", "fd00::5/64"));
        assertThat(eth0.get("routes"))
                .isEqualTo(
                        List.of(Map.of("to", "0.0.0.0/0", "via", "10.0.0.1"), Map.of("to", "::/0", "via", "fd00::1")));
        assertThat(eth0.get("nameservers")).isEqualTo(Map.of("addresses", List.of("10.0.0.53", "1.1.1.1")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void interfacesWithoutGatewayOrNameserversLeaveThoseKeysOut() {
        StaticInterface storage = StaticInterface.of("eth1", "BC:24:11:AA:BB:CC", "192.168.10.5/24", null, List.of());
        NoCloudSeed seed = new NoCloudSeed(MACHINE_CONFIG, "talos-w-1", List.of(eth0(), storage));
        Map<String, Object> ethernets =
                (Map<String, Object>) yaml(seed.networkConfig().orElseThrow()).get("ethernets");

        assertThat(ethernets).containsOnlyKeys("eth0", "eth1");
        assertThat((Map<String, Object>) ethernets.get("eth1"))
                .containsExactly(
                        Map.entry("match", Map.of("macaddress", "bc:24:11:aa:bb:cc")),
                        Map.entry("addresses", List.of("192.168.10.5/24")));
    }

    @Test
    void theImageCarriesAllThreeFilesByteForByte() {
        byte[] largeConfig = ("version: v1alpha1\n# " + "x".repeat(60_000) + "\n").getBytes(StandardCharsets.UTF_8);
        NoCloudSeed seed = new NoCloudSeed(largeConfig, "talos-cp-1", List.of(eth0()));
        byte[] image = seed.image(RECORDED_AT);
        IsoImageReader reader = new IsoImageReader(image);

        assertThat(reader.volumeId().strip()).isEqualTo("cidata");
        Map<String, byte[]> files = reader.files();
        assertThat(files.keySet()).containsExactly("meta-data", "network-config", "user-data");
        assertThat(files.get("user-data")).isEqualTo(largeConfig);
        assertThat(files.get("network-config")).isEqualTo(seed.networkConfig().orElseThrow());
        assertThat(new NoCloudSeed(largeConfig, "talos-cp-1", List.of(eth0())).image(RECORDED_AT))
                .as("same seed, same instant")
                .isEqualTo(image);
    }

    @Test
    void instanceIdFollowsTheContent() {
        String base = new NoCloudSeed(MACHINE_CONFIG, "talos-cp-1", List.of(eth0())).instanceId();
        byte[] otherConfig = "version: v1alpha1\nmachine: {}\n".getBytes(StandardCharsets.UTF_8);
        StaticInterface otherAddress =
                new StaticInterface("eth0", "52:54:00:12:34:56", List.of("10.0.0.6/24"), List.of(), List.of());

        assertThat(new NoCloudSeed(MACHINE_CONFIG, "talos-cp-1", List.of(eth0())).instanceId())
                .isEqualTo(base);
        assertThat(List.of(
                        new NoCloudSeed(otherConfig, "talos-cp-1", List.of(eth0())).instanceId(),
                        new NoCloudSeed(MACHINE_CONFIG, "talos-cp-2", List.of(eth0())).instanceId(),
                        new NoCloudSeed(MACHINE_CONFIG, "talos-cp-1", List.of(otherAddress)).instanceId(),
                        new NoCloudSeed(MACHINE_CONFIG, "talos-cp-1", List.of()).instanceId()))
                .doesNotContain(base)
                .doesNotHaveDuplicates();
    }

    @Test
    void theMachineConfigNeverShowsInTextOrErrors() {
        NoCloudSeed seed = new NoCloudSeed(MACHINE_CONFIG, "talos-cp-1", List.of(eth0()));
        byte[] cloudConfig = ("#cloud-config\n" + SECRET + "\n").getBytes(StandardCharsets.UTF_8);

        assertThat(seed.toString()).contains("talos-cp-1", seed.instanceId()).doesNotContain(SECRET, "7f3kq2");
        assertThat(seed.files().toString()).doesNotContain("7f3kq2");
        assertThatThrownBy(() -> new NoCloudSeed(cloudConfig, "talos-cp-1", List.of()))
                .hasMessageContaining("#cloud-config")
                .hasMessageNotContaining("7f3kq2");
        assertThatThrownBy(() -> new NoCloudSeed(MACHINE_CONFIG, "Bad_Host", List.of()))
                .hasMessageNotContaining("7f3kq2");
    }

    @Test
    void rejectsSeedsTalosCouldNotUse() {
        assertThatThrownBy(() -> new NoCloudSeed(new byte[0], "talos-cp-1", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NoCloudSeed(MACHINE_CONFIG, "-leading-dash", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NoCloudSeed(MACHINE_CONFIG, "talos-cp-1", List.of(eth0(), eth0())))
                .hasMessageContaining("own name and MAC");
        assertThat(new NoCloudSeed(MACHINE_CONFIG, "cp-1.cluster.example", List.of()).hostname())
                .isEqualTo("cp-1.cluster.example");
    }

    @Test
    void rejectsInterfacesNetworkConfigCannotCarry() {
        String mac = "52:54:00:12:34:56";
        assertThatThrownBy(() -> StaticInterface.of("eth0", "52:54:00:12:34", "10.0.0.5/24", null, List.of()))
                .hasMessageContaining("MAC");
        assertThatThrownBy(() -> StaticInterface.of("Eth0", mac, "10.0.0.5/24", null, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        for (String cidr :
                List.of("10.0.0.5", "10.0.0.256/24", "10.0.0.5/33", "fd00::1/129", "localhost/8", "fd00::g/64")) {
            assertThatThrownBy(() -> StaticInterface.of("eth0", mac, cidr, null, List.of()))
                    .as(cidr)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> StaticInterface.of("eth0", mac, "10.0.0.5/24", "gateway.example", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StaticInterface(
                        "eth0", mac, List.of("10.0.0.5/24"), List.of("10.0.0.1", "10.0.0.2"), List.of()))
                .hasMessageContaining("two default gateways");
        assertThatThrownBy(() -> new StaticInterface("eth0", mac, List.of(), List.of(), List.of()))
                .hasMessageContaining("DHCP");
        assertThatThrownBy(() -> StaticInterface.of("eth0", mac, "10.0.0.5/24", null, List.of("dns.example")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
