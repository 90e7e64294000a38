package dev.underlay.deploy;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static dev.underlay.deploy.RepositoryPaths.CHART;
import static dev.underlay.deploy.RepositoryPaths.read;
import static org.assertj.core.api.Assertions.assertThat;

/** The values table in helm/underlay/README.md documents values.yaml: every key there exists, every value is there. */
class ChartReadmeTest {

    private static final Pattern TABLE_ROW_KEY = Pattern.compile("(?m)^\\| `([A-Za-z.]+)` \\|");

    @Test
    void valuesTableMatchesValuesYaml() {
        @SuppressWarnings("unchecked")
        Map<String, Object> values = Manifests.SERIALIZATION.unmarshal(read(CHART.resolve("values.yaml")), Map.class);
        List<String> documented = documentedKeys();

        assertThat(documented)
                .as("documented keys missing from values.yaml")
                .allSatisfy(key -> assertThat(lookup(values, key)).as(key).isTrue());
        assertThat(values.keySet())
                .as("top-level values without a row in the README table")
                .allSatisfy(
                        top -> assertThat(documented).anyMatch(key -> key.equals(top) || key.startsWith(top + ".")));
    }

    private static List<String> documentedKeys() {
        Matcher matcher = TABLE_ROW_KEY.matcher(read(CHART.resolve("README.md")));
        List<String> keys = new ArrayList<>();
        while (matcher.find()) {
            keys.add(matcher.group(1));
        }
        assertThat(keys).hasSizeGreaterThan(20);
        return keys.stream().distinct().collect(Collectors.toList());
    }

    @SuppressWarnings("unchecked")
    private static boolean lookup(Map<String, Object> values, String dottedKey) {
        Object node = values;
        for (String part : dottedKey.split("\\.")) {
            if (!(node instanceof Map) || !((Map<String, Object>) node).containsKey(part)) {
                return false;
            }
            node = ((Map<String, Object>) node).get(part);
        }
        return true;
    }
}
