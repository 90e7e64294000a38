package dev.underlay.embedded;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded API server with Debian 12's kubectl 1.20 ({@code .ci/install-deps} unpacks it into the user's cache).
 * It reads OpenAPI v2, in protobuf, before every {@code apply} and {@code create}, and validates custom resources
 * against it on the client.
 */
class EmbeddedKubectl120Test extends EmbeddedKubectlTest {

    @Override
    String kubectlExecutable() {
        String cacheHome = System.getenv("XDG_CACHE_HOME");
        Path cache = cacheHome == null || cacheHome.isBlank()
                ? Path.of(System.getProperty("user.home"), ".cache")
                : Path.of(cacheHome);
        return cache.resolve("underlay/kubectl-1.20/kubectl").toString();
    }

    @Test
    void rejectsAnInvalidCustomResourceBeforeSendingIt() throws Exception {
        Path invalid = work.resolve("invalid-vm.yaml");
        Files.writeString(invalid, """
                apiVersion: underlay.dev/v1alpha1
                kind: TalosNodeVM
                metadata: {name: invalid, labels: {tier: lab}}
                spec:
                  clusterRef: {name: homelab}
                  node: pve-ms01-01
                  role: controlplane
                  memoryMiB: 4096
                  boot: {iso: "local:iso/talos.iso"}
                  disks: [{slot: scsi0, storage: local-lvm, sizeGiB: 20}]
                  vmid: "one hundred"
                  vmidTypo: 101
                """);

        Kubectl.Result result = kubectl.run("apply", "-n", "invalid", "-f", invalid.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr())
                .contains("unknown field \"vmidTypo\" in dev.underlay.v1alpha1.TalosNodeVM.spec")
                .contains("invalid type for dev.underlay.v1alpha1.TalosNodeVM.spec.vmid: got \"string\", "
                        + "expected \"integer\"")
                .doesNotContain("missing required field");
        assertThat(vm("invalid", "invalid").get()).isNull();
    }
}
