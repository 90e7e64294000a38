package dev.underlay.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The alerting rules of a rendered PrometheusRule and the operator metrics their expressions read. */
public final class PrometheusAlerts {

    private static final Pattern METRIC = Pattern.compile("\\b(?:pve|underlay)_[a-z_]+\\b");

    private PrometheusAlerts() {}

    /** Every rule of every group, in order, as rendered. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> of(GenericKubernetesResource rule) {
        List<Map<String, Object>> alerts = new ArrayList<>();
        List<Map<String, Object>> groups = rule.get("spec", "groups");
        for (Map<String, Object> group : groups) {
            alerts.addAll((List<Map<String, Object>>) group.get("rules"));
        }
        return alerts;
    }

    /** Every metric the chart's alerts read, rendered with the PrometheusRule on. */
    public static Set<String> metricsReadByTheChartsAlerts() {
        GenericKubernetesResource rule = UnderlayChart.render(Map.of("metrics.prometheusRule.enabled", true))
                .generic("PrometheusRule")
                .get(0);
        Set<String> names = new TreeSet<>();
        of(rule).forEach(alert -> names.addAll(metrics(alert.get("expr").toString())));
        return names;
    }

    /** The metric names an expression reads. */
    public static List<String> metrics(String expr) {
        List<String> names = new ArrayList<>();
        Matcher matcher = METRIC.matcher(expr);
        while (matcher.find()) {
            names.add(matcher.group());
        }
        return names;
    }
}
