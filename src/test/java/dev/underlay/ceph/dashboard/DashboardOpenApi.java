package dev.underlay.ceph.dashboard;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The Dashboard's OpenAPI document as Debian's ceph-mgr-dashboard ships it: its operations and their API versions. */
final class DashboardOpenApi {

    static final Path DEBIAN_LOCATION = Path.of("/usr/share/ceph/mgr/dashboard/openapi.yaml");
    private static final String MEDIA_PREFIX = "application/vnd.ceph.api.v";
    private static final String MEDIA_SUFFIX = "+json";

    private final Map<String, Map<String, Map<String, Object>>> paths;

    @SuppressWarnings("unchecked")
    DashboardOpenApi(Path document) throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(16 * 1024 * 1024);
        try (Reader reader = Files.newBufferedReader(document)) {
            Map<String, Object> root = new Yaml(options).load(reader);
            this.paths = (Map<String, Map<String, Map<String, Object>>>) root.get("paths");
        }
    }

    boolean has(String method, String path) {
        return paths.containsKey(path) && paths.get(path).containsKey(method.toLowerCase(Locale.ROOT));
    }

    /** The versions the operation's responses declare: {@code 1.0} from {@code application/vnd.ceph.api.v1.0+json}. */
    @SuppressWarnings("unchecked")
    Set<String> versions(String method, String path) {
        Map<String, Object> operation = paths.get(path).get(method.toLowerCase(Locale.ROOT));
        Set<String> versions = new HashSet<>();
        ((Map<String, Map<String, Object>>) operation.get("responses")).values().forEach(response -> {
            if (response.get("content") instanceof Map<?, ?> types) {
                for (Object type : types.keySet()) {
                    String t = type.toString();
                    if (t.startsWith(MEDIA_PREFIX) && t.endsWith(MEDIA_SUFFIX)) {
                        versions.add(t.substring(MEDIA_PREFIX.length(), t.length() - MEDIA_SUFFIX.length()));
                    }
                }
            }
        });
        return versions;
    }
}
