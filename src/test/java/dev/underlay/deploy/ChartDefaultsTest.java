package dev.underlay.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.stream.Collectors;

import static dev.underlay.deploy.UnderlayChart.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code helm template} with the chart's default values. */
class ChartDefaultsTest {

    private static Manifests manifests;
    private static Deployment deployment;
    private static PodSpec pod;
    private static Container operator;

    @BeforeAll
    static void render() {
        manifests = UnderlayChart.render();
        deployment = manifests.one(Deployment.class, "underlay");
        pod = deployment.getSpec().getTemplate().getSpec();
        operator = pod.getContainers().get(0);
    }

    @Test
    void rendersExactlyTheOperatorsObjects() {
        assertThat(manifests.describe())
                .containsExactlyInAnyOrder(
                        "ServiceAccount/underlay (underlay-system)",
                        "ClusterRole/underlay",
                        "ClusterRoleBinding/underlay",
                        "ClusterRole/underlay-nodes",
                        "ClusterRoleBinding/underlay-nodes",
                        "Role/underlay-leader-election (underlay-system)",
                        "RoleBinding/underlay-leader-election (underlay-system)",
                        "Service/underlay-metrics (underlay-system)",
                        "Deployment/underlay (underlay-system)");
    }

    @Test
    void everyObjectParsesWithoutUnknownFields() {
        assertThat(UnknownFields.in(manifests)).isEmpty();
    }

    @Test
    void deploymentRunsOneReplicaOfTheAppVersionImage() {
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
        assertThat(pod.getContainers()).hasSize(1);
        assertThat(operator.getImage()).isEqualTo("ghcr.io/underlay-dev/underlay:0.1.0");
        assertThat(operator.getImagePullPolicy()).isEqualTo("IfNotPresent");
        assertThat(deployment.getSpec().getSelector().getMatchLabels())
                .isEqualTo(Map.of("app.kubernetes.io/name", "underlay", "app.kubernetes.io/instance", "underlay"));
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
    }

    @Test
    void podIsNonRootWithRuntimeDefaultSeccomp() {
        PodSecurityContext podSecurity = pod.getSecurityContext();
        assertThat(podSecurity.getRunAsNonRoot()).isTrue();
        assertThat(podSecurity.getRunAsUser()).isEqualTo(185L);
        assertThat(podSecurity.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    }

    @Test
    void containerHasReadOnlyRootNoEscalationAndNoCapabilities() {
        SecurityContext security = operator.getSecurityContext();
        assertThat(security.getReadOnlyRootFilesystem()).isTrue();
        assertThat(security.getAllowPrivilegeEscalation()).isFalse();
        assertThat(security.getRunAsNonRoot()).isTrue();
        assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(security.getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(security.getPrivileged()).isNotEqualTo(Boolean.TRUE);
    }

    @Test
    void tmpIsAWritableEmptyDir() {
        Volume tmp = pod.getVolumes().stream()
                .filter(v -> "tmp".equals(v.getName()))
                .findFirst()
                .orElseThrow();
        assertThat(tmp.getEmptyDir()).isNotNull();
        assertThat(operator.getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getName()).isEqualTo("tmp");
            assertThat(m.getMountPath()).isEqualTo("/tmp");
            assertThat(m.getReadOnly()).isNotEqualTo(Boolean.TRUE);
        });
    }

    @Test
    void probesHitTheQuarkusHealthEndpointsOnPort8080() {
        assertThat(operator.getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getName()).isEqualTo("http");
            assertThat(port.getContainerPort()).isEqualTo(8080);
        });
        assertHttpProbe(operator.getLivenessProbe(), "/q/health/live");
        assertHttpProbe(operator.getReadinessProbe(), "/q/health/ready");
        assertHttpProbe(operator.getStartupProbe(), "/q/health/started");
    }

    private static void assertHttpProbe(Probe probe, String path) {
        assertThat(probe).as("probe for %s", path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
    }

    @Test
    void environmentConfiguresNamespacesLogLevelResyncAndLeaseNamespace() {
        Map<String, EnvVar> env = operator.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));

        assertThat(env.get("POD_NAMESPACE").getValueFrom().getFieldRef().getFieldPath())
                .isEqualTo("metadata.namespace");
        assertThat(env.get("QUARKUS_OPERATOR_SDK_NAMESPACES").getValue()).isEqualTo("JOSDK_ALL_NAMESPACES");
        assertThat(env.get("QUARKUS_LOG_LEVEL").getValue()).isEqualTo("INFO");
        assertThat(env.get("UNDERLAY_RESYNC_CALM").getValue()).isEqualTo("60s");
        assertThat(env.get("UNDERLAY_RESYNC_BUSY").getValue()).isEqualTo("5s");
        assertThat(env.get("UNDERLAY_RESYNC_WAITING").getValue()).isEqualTo("30s");
        assertThat(env.get("UNDERLAY_RESYNC_HA_LAYOUT_DRIFT").getValue()).isEqualTo("10m");
        assertThat(env.get("UNDERLAY_PROXMOX_CONNECT_TIMEOUT").getValue()).isEqualTo("10s");
        assertThat(env.get("UNDERLAY_PROXMOX_READ_TIMEOUT").getValue()).isEqualTo("60s");
        assertThat(env.get("UNDERLAY_PROXMOX_MAX_CONCURRENT").getValue()).isEqualTo("4");
        assertThat(env.get("UNDERLAY_PROXMOX_REQUESTS_PER_SECOND").getValue()).isEqualTo("10");
        assertThat(env.get("UNDERLAY_PROXMOX_CLIENT_REFRESH").getValue()).isEqualTo("30m");
        assertThat(env.get("UNDERLAY_METRICS_NOT_BACKED_UP_INTERVAL").getValue())
                .isEqualTo("15m");
        assertThat(env.get("JAVA_TOOL_OPTIONS").getValue()).isEqualTo("-XX:MaxRAMPercentage=75.0");
    }

    @Test
    void resourcesRequestAndLimitMemoryWithoutACpuLimit() {
        Map<String, Quantity> requests = operator.getResources().getRequests();
        Map<String, Quantity> limits = operator.getResources().getLimits();
        assertThat(requests).containsEntry("cpu", new Quantity("100m")).containsEntry("memory", new Quantity("256Mi"));
        assertThat(limits).containsEntry("memory", new Quantity("512Mi")).doesNotContainKey("cpu");
    }

    @Test
    void bindingsAndPodUseTheChartsServiceAccount() {
        ServiceAccount account = manifests.one(ServiceAccount.class, "underlay");
        assertThat(pod.getServiceAccountName()).isEqualTo(account.getMetadata().getName());
        assertThat(manifests.ofType(ClusterRoleBinding.class))
                .isNotEmpty()
                .allSatisfy(binding -> assertThat(binding.getSubjects())
                        .singleElement()
                        .satisfies(subject -> {
                            assertThat(subject.getKind()).isEqualTo("ServiceAccount");
                            assertThat(subject.getName()).isEqualTo("underlay");
                            assertThat(subject.getNamespace()).isEqualTo(NAMESPACE);
                        }));
        assertThat(manifests.ofType(RoleBinding.class))
                .isNotEmpty()
                .allSatisfy(binding -> assertThat(binding.getSubjects())
                        .singleElement()
                        .satisfies(subject -> {
                            assertThat(subject.getName()).isEqualTo("underlay");
                            assertThat(subject.getNamespace()).isEqualTo(NAMESPACE);
                        }));
    }

    @Test
    void metricsServiceSelectsTheOperatorPodOnItsHttpPort() {
        Service service = manifests.one(Service.class, "underlay-metrics");
        assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getPort()).isEqualTo(8080);
            assertThat(port.getTargetPort().getStrVal()).isEqualTo("http");
        });
    }

    @Test
    void noServiceMonitorOrPrometheusRuleByDefault() {
        assertThat(manifests.generic("ServiceMonitor")).isEmpty();
        assertThat(manifests.generic("PrometheusRule")).isEmpty();
    }
}
