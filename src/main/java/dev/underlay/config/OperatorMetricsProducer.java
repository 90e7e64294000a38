package dev.underlay.config;

import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetricsV2;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * JOSDK reconciliation metrics on the Micrometer registry that {@code /q/metrics} serves.
 *
 * <p>QOSDK 7.7.3 has a default {@code Metrics} producer, but it hands out whatever its {@code MeterBinder} held when
 * the configuration service was built, and that happens before Micrometer binds it: the operator kept {@code
 * Metrics.NOOP} and no reconciliation series ever appeared. Building the metrics straight from the injected registry
 * avoids that ordering. The namespace tag lets a person (and the tests) see which namespace a reconcile storm comes
 * from.
 */
public class OperatorMetricsProducer {

    @Produces
    @Singleton
    Metrics josdkMetrics(MeterRegistry registry) {
        return MicrometerMetricsV2.newBuilder(registry).withNamespaceAsTag().build();
    }
}
