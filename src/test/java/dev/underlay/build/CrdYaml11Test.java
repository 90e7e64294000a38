package dev.underlay.build;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed CRDs as a YAML 1.1 parser reads them: SnakeYAML here, PyYAML in Ansible's {@code kubernetes.core.k8s}
 * and the Python clients. YAML 1.1 reads {@code 9.99999999E8} (no dot before the exponent) as a string, and an API
 * server then rejects the CRD, so every numeric schema keyword must come out a number.
 */
class CrdYaml11Test {

    private static final Set<String> NUMERIC_KEYWORDS = Set.of(
            "minimum",
            "maximum",
            "multipleOf",
            "minLength",
            "maxLength",
            "minItems",
            "maxItems",
            "minProperties",
            "maxProperties");

    @Test
    void everyNumericSchemaKeywordOfEveryCommittedCrdIsANumber() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("deploy/crds", "helm/underlay/crds")) {
            try (Stream<Path> listed = Files.list(Path.of(dir))) {
                listed.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
                        .forEach(files::add);
            }
        }
        assertThat(files).hasSize(8);

        List<String> notNumbers = new ArrayList<>();
        int numbers = 0;
        for (Path file : files) {
            Object crd = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
            numbers += collect(crd, file.getFileName().toString(), notNumbers);
        }
        assertThat(notNumbers).isEmpty();
        assertThat(numbers).as("numeric keywords seen").isGreaterThan(50);
    }

    private static int collect(Object node, String path, List<String> notNumbers) {
        int numbers = 0;
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                String here = path + "." + key;
                // under "properties" the keys are field names, which may be called like a keyword
                if (NUMERIC_KEYWORDS.contains(key) && !path.endsWith(".properties")) {
                    if (entry.getValue() instanceof Number) {
                        numbers++;
                    } else {
                        notNumbers.add(here + " = " + entry.getValue() + " ("
                                + entry.getValue().getClass().getSimpleName() + ")");
                    }
                }
                numbers += collect(entry.getValue(), here, notNumbers);
            }
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                numbers += collect(list.get(i), path + "[" + i + "]", notNumbers);
            }
        }
        return numbers;
    }
}
