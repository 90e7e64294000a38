package dev.underlay.deploy;

import dev.underlay.config.UnderlayConfig;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Deployment's UNDERLAY_* environment read the way the operator reads it (SmallRye Config's environment source,
 * Quarkus' duration syntax, the {@link UnderlayConfig} mapping): every variable the chart sets reaches a setting,
 * under a name the mapping knows, and the chart's defaults are the operator's own.
 */
class ChartConfigBindingTest {

    @Test
    void chartDefaultsAreTheOperatorsDefaults() {
        UnderlayConfig chart = bind(underlayEnv(UnderlayChart.render()));
        UnderlayConfig builtIn = bind(Map.of());

        assertThat(chart.resync().calm()).isEqualTo(builtIn.resync().calm());
        assertThat(chart.resync().busy()).isEqualTo(builtIn.resync().busy());
        assertThat(chart.resync().waiting()).isEqualTo(builtIn.resync().waiting());
        assertThat(chart.resync().haLayoutDrift()).isEqualTo(builtIn.resync().haLayoutDrift());
        assertThat(chart.resync().vmConfigDrift()).isEqualTo(builtIn.resync().vmConfigDrift());
        assertThat(chart.restart().maxUnavailableWorkers())
                .isEqualTo(builtIn.restart().maxUnavailableWorkers());
        assertThat(chart.proxmox().connectTimeout()).isEqualTo(builtIn.proxmox().connectTimeout());
        assertThat(chart.proxmox().readTimeout()).isEqualTo(builtIn.proxmox().readTimeout());
        assertThat(chart.proxmox().maxConcurrent()).isEqualTo(builtIn.proxmox().maxConcurrent());
        assertThat(chart.proxmox().requestsPerSecond())
                .isEqualTo(builtIn.proxmox().requestsPerSecond());
        assertThat(chart.proxmox().clientRefresh()).isEqualTo(builtIn.proxmox().clientRefresh());
        assertThat(chart.metrics().notBackedUpInterval())
                .isEqualTo(builtIn.metrics().notBackedUpInterval());
    }

    @Test
    void customValuesReachEverySetting() {
        Map<String, String> env = underlayEnv(UnderlayChart.render("values-custom.yaml"));
        UnderlayConfig config = bind(env);

        assertThat(env).hasSize(13);
        assertThat(config.resync().vmConfigDrift()).isEqualTo(Duration.ofMinutes(20));
        assertThat(config.restart().maxUnavailableWorkers()).isEqualTo(2);
        assertThat(config.operator().ownerId()).isEqualTo("lab-b");
        assertThat(config.resync().calm()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.resync().busy()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.resync().waiting()).isEqualTo(Duration.ofSeconds(45));
        assertThat(config.resync().haLayoutDrift()).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.proxmox().connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.proxmox().readTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.proxmox().maxConcurrent()).isEqualTo(2);
        assertThat(config.proxmox().requestsPerSecond()).isEqualTo(2.5);
        assertThat(config.proxmox().clientRefresh()).isEqualTo(Duration.ofHours(2));
        assertThat(config.metrics().notBackedUpInterval()).isEqualTo(Duration.ofHours(1));
    }

    private static Map<String, String> underlayEnv(Manifests manifests) {
        return manifests
                .one(Deployment.class, "underlay")
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getEnv()
                .stream()
                .filter(e -> e.getName().startsWith("UNDERLAY_"))
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }

    private static UnderlayConfig bind(Map<String, String> env) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withConverter(Duration.class, 100, new DurationConverter())
                .withMapping(UnderlayConfig.class)
                .withSources(new EnvConfigSource(env, 300))
                .build();
        return config.getConfigMapping(UnderlayConfig.class);
    }
}
