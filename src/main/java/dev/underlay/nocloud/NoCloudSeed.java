package dev.underlay.nocloud;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The NoCloud seed of one Talos VM: {@code user-data} (the machine configuration), {@code meta-data} and, for static
 * addressing, {@code network-config}, as a "cidata" ISO 9660 image for a virtual CD-ROM.
 *
 * <p>Talos finds the seed by filesystem label ({@code cidata} or {@code CIDATA}), mounts it and reads the three files
 * by exact name. {@code meta-data} carries {@code instance-id} and {@code local-hostname} (Talos reads
 * {@code local-hostname} since 1.6). {@code network-config} is cloud-init network config version 2: each interface is
 * matched by MAC address, default routes are written as {@code routes: [{to: 0.0.0.0/0 or ::/0, via: gateway}]}.
 * That form is what Talos parses since 1.5 and cloud-init accepts; {@code to: default} only parses in Talos 1.12 and
 * later, and {@code gateway4}/{@code gateway6} are deprecated by cloud-init. {@code set-name} is left out: Talos
 * ignores it, and matching by MAC needs no rename.
 *
 * <p>The machine configuration holds cluster secrets: it is never part of {@link #toString()} or of an exception
 * message, and only a digest of it goes into the instance id.
 */
public final class NoCloudSeed {

    public static final String VOLUME_LABEL = "cidata";
    public static final String USER_DATA = "user-data";
    public static final String META_DATA = "meta-data";
    public static final String NETWORK_CONFIG = "network-config";

    /** RFC 1123 host name or fully qualified name, lower case, as Talos accepts for its hostname. */
    private static final Pattern HOSTNAME =
            Pattern.compile("(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .build();

    private final byte[] machineConfig;
    private final String hostname;
    private final List<StaticInterface> interfaces;
    private final Optional<byte[]> networkConfig;
    private final String instanceId;

    /**
     * @param machineConfig the Talos machine configuration, written unchanged as user-data
     * @param hostname the guest's host name, e.g. {@code talos-cp-1}
     * @param interfaces static addressing; empty leaves network-config out, so Talos uses DHCP
     */
    public NoCloudSeed(byte[] machineConfig, String hostname, List<StaticInterface> interfaces) {
        if (machineConfig == null || machineConfig.length == 0) {
            throw new IllegalArgumentException("the machine configuration is empty; Talos would wait for one");
        }
        if (startsWithCloudConfigMarker(machineConfig)) {
            throw new IllegalArgumentException(
                    "the machine configuration starts with #cloud-config, which Talos ignores as user-data");
        }
        if (hostname == null || !HOSTNAME.matcher(hostname).matches()) {
            throw new IllegalArgumentException("not a lower-case RFC 1123 host name: " + hostname);
        }
        this.machineConfig = machineConfig.clone();
        this.hostname = hostname;
        this.interfaces = List.copyOf(interfaces == null ? List.of() : interfaces);
        if (this.interfaces.stream().map(StaticInterface::name).distinct().count() != this.interfaces.size()
                || this.interfaces.stream()
                                .map(StaticInterface::macAddress)
                                .distinct()
                                .count()
                        != this.interfaces.size()) {
            throw new IllegalArgumentException("each interface needs its own name and MAC address");
        }
        this.networkConfig = this.interfaces.isEmpty() ? Optional.empty() : Optional.of(networkConfigYaml());
        this.instanceId = deriveInstanceId();
    }

    /**
     * {@code iid-} and 20 hex digits of a SHA-256 over user-data, host name and network-config: equal seeds share the
     * id, and any change of content gives a new one, which cloud-init takes as "new instance" (it re-runs its
     * per-instance steps). A truncated digest of the machine configuration reveals nothing of its secrets.
     */
    public String instanceId() {
        return instanceId;
    }

    public String hostname() {
        return hostname;
    }

    public List<StaticInterface> interfaces() {
        return interfaces;
    }

    public byte[] metaData() {
        Map<String, Object> metaData = new LinkedHashMap<>();
        metaData.put("instance-id", instanceId);
        metaData.put("local-hostname", hostname);
        return yaml(metaData);
    }

    /** The network-config file, absent without static addressing. */
    public Optional<byte[]> networkConfig() {
        return networkConfig.map(byte[]::clone);
    }

    /** The files of the seed, user-data first. */
    public List<IsoFile> files() {
        List<IsoFile> files = new ArrayList<>();
        files.add(IsoFile.of(USER_DATA, machineConfig));
        files.add(IsoFile.of(META_DATA, metaData()));
        networkConfig.ifPresent(config -> files.add(IsoFile.of(NETWORK_CONFIG, config)));
        return files;
    }

    /**
     * The cidata image. Pass a stable {@code recordedAt} (e.g. when the VM's resource was created): the image's bytes
     * depend only on the seed and that instant, so a digest tells whether an uploaded image is current.
     */
    public byte[] image(Instant recordedAt) {
        return new Iso9660Writer(VOLUME_LABEL, recordedAt).write(files());
    }

    @Override
    public String toString() {
        return "NoCloudSeed[hostname=" + hostname + ", instanceId=" + instanceId + ", interfaces=" + interfaces
                + ", machineConfig=" + machineConfig.length + " bytes]";
    }

    private byte[] networkConfigYaml() {
        Map<String, Object> ethernets = new LinkedHashMap<>();
        for (StaticInterface nic : interfaces) {
            Map<String, Object> ethernet = new LinkedHashMap<>();
            ethernet.put("match", Map.of("macaddress", nic.macAddress()));
            ethernet.put("addresses", nic.addresses());
            if (!nic.gateways().isEmpty()) {
                ethernet.put(
                        "routes",
                        nic.gateways().stream().map(NoCloudSeed::defaultRoute).toList());
            }
            if (!nic.nameservers().isEmpty()) {
                ethernet.put("nameservers", Map.of("addresses", nic.nameservers()));
            }
            ethernets.put(nic.name(), ethernet);
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("version", 2);
        config.put("ethernets", ethernets);
        return yaml(config);
    }

    private static Map<String, Object> defaultRoute(String gateway) {
        Map<String, Object> route = new LinkedHashMap<>();
        route.put("to", IpLiterals.family(gateway) == IpLiterals.Family.IPV4 ? "0.0.0.0/0" : "::/0");
        route.put("via", gateway);
        return route;
    }

    private String deriveInstanceId() {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (byte[] part : List.of(
                    machineConfig, hostname.getBytes(StandardCharsets.UTF_8), networkConfig.orElse(new byte[0]))) {
                // length-prefixed, so that moving bytes from one part to the next changes the digest
                sha256.update(
                        ByteBuffer.allocate(Long.BYTES).putLong(part.length).array());
                sha256.update(part);
            }
            return "iid-" + HexFormat.of().formatHex(sha256.digest()).substring(0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Talos drops user-data whose first line, trimmed, is "#cloud-config" (it is meant for cloud-init). */
    private static boolean startsWithCloudConfigMarker(byte[] machineConfig) {
        int end = 0;
        while (end < machineConfig.length && machineConfig[end] != '\n') {
            end++;
        }
        return new String(machineConfig, 0, end, StandardCharsets.UTF_8).strip().equals("#cloud-config");
    }

    private static byte[] yaml(Map<String, Object> document) {
        try {
            return YAML.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of strings and lists always serialize", e);
        }
    }
}
