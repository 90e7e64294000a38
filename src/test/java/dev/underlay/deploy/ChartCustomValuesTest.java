package dev.underlay.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.underlay.deploy.UnderlayChart.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code helm template} with src/test/resources/deploy/values-custom.yaml: every non-default value lands. */
class ChartCustomValuesTest {

    private static Manifests manifests;
    private static Deployment deployment;
    private static PodSpec pod;
    private static Container operator;

    @BeforeAll
    static void render() {
        manifests = UnderlayChart.render("values-custom.yaml");
        deployment = manifests.one(Deployment.class, "underlay");
        pod = deployment.getSpec().getTemplate().getSpec();
        operator = pod.getContainers().get(0);
    }

    @Test
    void everyObjectParsesWithoutUnknownFields() {
        assertThat(UnknownFields.in(manifests)).isEmpty();
    }

    @Test
    void watchedNamespacesBecomeTheQosdkNamespacesList() {
        assertThat(env().get("QUARKUS_OPERATOR_SDK_NAMESPACES").getValue()).isEqualTo("homelab,lab");
    }

    @Test
    void replicasImageAndPullSettings() {
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(operator.getImage()).isEqualTo("registry.example.lan/platform/underlay:0.1.0-rc.2");
        assertThat(operator.getImagePullPolicy()).isEqualTo("Always");
        assertThat(pod.getImagePullSecrets())
                .extracting(LocalObjectReference::getName)
                .containsExactly("lan-registry");
    }

    @Test
    void logLevelResyncJvmOptionsAndExtraEnv() {
        Map<String, EnvVar> env = env();
        assertThat(env.get("QUARKUS_LOG_LEVEL").getValue()).isEqualTo("DEBUG");
        assertThat(env.get("UNDERLAY_RESYNC_CALM").getValue()).isEqualTo("2m");
        assertThat(env.get("UNDERLAY_RESYNC_BUSY").getValue()).isEqualTo("3s");
        assertThat(env.get("UNDERLAY_RESYNC_WAITING").getValue()).isEqualTo("45s");
        assertThat(env.get("UNDERLAY_RESYNC_HA_LAYOUT_DRIFT").getValue()).isEqualTo("30m");
        assertThat(env.get("JAVA_TOOL_OPTIONS").getValue()).isEqualTo("-XX:MaxRAMPercentage=60.0");
        assertThat(env.get("QUARKUS_OPERATOR_SDK_CONTROLLERS_TALOSNODEVM_MAX_RECONCILIATION_INTERVAL")
                        .getValue())
                .isEqualTo("10m");
        assertThat(env.get("POD_NAMESPACE")).as("chart env survives extraEnv").isNotNull();
    }

    @Test
    void proxmoxClientLimitsAndMetricsRefresh() {
        Map<String, EnvVar> env = env();
        assertThat(env.get("UNDERLAY_PROXMOX_CONNECT_TIMEOUT").getValue()).isEqualTo("5s");
        assertThat(env.get("UNDERLAY_PROXMOX_READ_TIMEOUT").getValue()).isEqualTo("2m");
        assertThat(env.get("UNDERLAY_PROXMOX_MAX_CONCURRENT").getValue()).isEqualTo("2");
        assertThat(env.get("UNDERLAY_PROXMOX_REQUESTS_PER_SECOND").getValue()).isEqualTo("2.5");
        assertThat(env.get("UNDERLAY_PROXMOX_CLIENT_REFRESH").getValue()).isEqualTo("2h");
        assertThat(env.get("UNDERLAY_METRICS_NOT_BACKED_UP_INTERVAL").getValue())
                .isEqualTo("1h");
    }

    @Test
    void resources() {
        assertThat(operator.getResources().getRequests())
                .containsEntry("cpu", new Quantity("250m"))
                .containsEntry("memory", new Quantity("384Mi"));
        assertThat(operator.getResources().getLimits())
                .containsEntry("cpu", new Quantity("1"))
                .containsEntry("memory", new Quantity("768Mi"));
    }

    @Test
    void schedulingAndPodMetadata() {
        assertThat(pod.getNodeSelector()).isEqualTo(Map.of("kubernetes.io/os", "linux"));
        assertThat(pod.getTolerations()).singleElement().satisfies(t -> {
            assertThat(t.getKey()).isEqualTo("node-role.kubernetes.io/control-plane");
            assertThat(t.getEffect()).isEqualTo("NoSchedule");
        });
        assertThat(pod.getAffinity().getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution())
                .singleElement()
                .satisfies(term -> assertThat(term.getWeight()).isEqualTo(100));
        assertThat(pod.getPriorityClassName()).isEqualTo("system-cluster-critical");
        assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("example.dev/scrape", "true");
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("team", "platform");
        // the security posture does not depend on other values
        assertThat(operator.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    }

    @Test
    void namedServiceAccountWithAnnotations() {
        ServiceAccount account = manifests.one(ServiceAccount.class, "underlay-operator");
        assertThat(account.getMetadata().getAnnotations()).containsEntry("example.dev/owner", "platform-team");
        assertThat(pod.getServiceAccountName()).isEqualTo("underlay-operator");
    }

    @Test
    void serviceMonitorScrapesTheMetricsServicePort() {
        Service service = manifests.one(Service.class, "underlay-metrics");
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getPort()).isEqualTo(9090);
            assertThat(p.getName()).isEqualTo("http");
        });

        GenericKubernetesResource monitor = manifests.generic("ServiceMonitor").get(0);
        assertThat(manifests.generic("ServiceMonitor")).hasSize(1);
        assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(monitor.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
        assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
        Map<String, String> selector = monitor.get("spec", "selector", "matchLabels");
        assertThat(service.getMetadata().getLabels()).containsAllEntriesOf(selector);
        List<Map<String, Object>> endpoints = monitor.get("spec", "endpoints");
        assertThat(endpoints)
                .singleElement()
                .satisfies(endpoint -> assertThat(endpoint)
                        .containsEntry("port", "http")
                        .containsEntry("path", "/q/metrics")
                        .containsEntry("interval", "15s"));
        List<String> namespaces = monitor.get("spec", "namespaceSelector", "matchNames");
        assertThat(namespaces).containsExactly(NAMESPACE);
    }

    @Test
    @SuppressWarnings("unchecked")
    void prometheusRuleAlertsOnTheClusterAndTheOperator() {
        GenericKubernetesResource rule = manifests.generic("PrometheusRule").get(0);
        assertThat(manifests.generic("PrometheusRule")).hasSize(1);
        assertThat(rule.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(rule.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
        assertThat(rule.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
        List<Map<String, Object>> alerts = PrometheusAlerts.of(rule);
        assertThat(alerts)
                .extracting(a -> a.get("alert"))
                .containsExactly(
                        "UnderlayProxmoxQuorumLost",
                        "UnderlayProxmoxNodeOffline",
                        "UnderlayCephHealthError",
                        "UnderlayCephHealthWarning",
                        "UnderlayCephOsdsDown",
                        "UnderlayGuestsNotBackedUp",
                        "UnderlayClusterNotObserved");
        assertThat(alerts)
                .filteredOn(a -> a.get("alert").equals("UnderlayCephHealthWarning"))
                .singleElement()
                .satisfies(a -> assertThat(a).containsEntry("for", "1h").containsEntry("expr", "pve_ceph_health == 1"));
        assertThat(alerts).allSatisfy(a -> {
            assertThat((Map<String, String>) a.get("labels")).containsKey("severity");
            // Prometheus, not Helm, fills these in: the template must pass them through untouched
            assertThat(((Map<String, String>) a.get("annotations")).get("summary"))
                    .contains("{{ $labels.cluster }}");
        });
    }

    @Test
    void serviceMonitorWithoutItsServiceIsRefused() {
        assertThatThrownBy(() -> UnderlayChart.render(
                        Map.of("metrics.serviceMonitor.enabled", true, "metrics.service.enabled", false)))
                .hasMessageContaining("metrics.serviceMonitor.enabled needs metrics.service.enabled");
    }

    private static Map<String, EnvVar> env() {
        return operator.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
    }
}
