package dev.underlay.embedded;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;

import java.util.Optional;

/**
 * The API server's paths that are not resources: version, health, discovery and OpenAPI. kubectl reads these
 * before it sends any resource request.
 */
final class NonResourceEndpoints {

    static final String KUBERNETES_VERSION = "v1.32.0-underlay-embedded";

    private final DiscoveryDocuments discovery;
    private final OpenApiDocuments openApi;
    private volatile String serverAddress = "127.0.0.1";

    NonResourceEndpoints(ResourceCatalog catalog) {
        this.discovery = new DiscoveryDocuments(catalog);
        this.openApi = new OpenApiDocuments(catalog);
    }

    void serverAddress(String hostAndPort) {
        this.serverAddress = hostAndPort;
    }

    /** The answer to a GET of {@code path} (no query), or empty when the path names resources. */
    Optional<MockResponse> serve(String path) {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (trimmed.equals("/openapi/v3")) {
            return Optional.of(ApiStatus.ok(openApi.root()));
        }
        if (trimmed.startsWith("/openapi/v3/")) {
            return Optional.of(openApi.groupVersion(trimmed.substring("/openapi/v3/".length()))
                    .map(ApiStatus::ok)
                    .orElseGet(ApiStatus::noSuchPath));
        }
        if (trimmed.startsWith("/openapi")) {
            return Optional.of(ApiStatus.failure(
                    404,
                    "NotFound",
                    "the embedded API server serves only a minimal OpenAPI v3 document (no v2, no schemas)"));
        }
        String[] segments = trimmed.replaceAll("^/", "").split("/");
        switch (trimmed) {
            case "/":
                ObjectNode root = Json.object();
                ArrayNode paths = root.putArray("paths");
                paths.add("/api").add("/api/v1").add("/apis").add("/version").add("/healthz");
                return Optional.of(ApiStatus.ok(root));
            case "/version":
                return Optional.of(ApiStatus.ok(version()));
            case "/healthz":
            case "/livez":
            case "/readyz":
                return Optional.of(new MockResponse()
                        .setResponseCode(200)
                        .setHeader("Content-Type", "text/plain")
                        .setBody("ok"));
            case "/api":
                return Optional.of(ApiStatus.ok(discovery.coreVersions(serverAddress)));
            case "/apis":
                return Optional.of(ApiStatus.ok(discovery.groupList()));
            case "/api/v1":
                return discovery.resourceList("", "v1").map(ApiStatus::ok);
            default:
                break;
        }
        if (segments[0].equals("apis") && segments.length == 2) {
            return Optional.of(discovery.group(segments[1]).map(ApiStatus::ok).orElseGet(ApiStatus::noSuchPath));
        }
        if (segments[0].equals("apis") && segments.length == 3) {
            return Optional.of(discovery
                    .resourceList(segments[1], segments[2])
                    .map(ApiStatus::ok)
                    .orElseGet(ApiStatus::noSuchPath));
        }
        return Optional.empty();
    }

    private static ObjectNode version() {
        return Json.object()
                .put("major", "1")
                .put("minor", "32")
                .put("gitVersion", KUBERNETES_VERSION)
                .put("gitCommit", "")
                .put("gitTreeState", "clean")
                .put("buildDate", "1970-01-01T00:00:00Z")
                .put("goVersion", "java")
                .put("compiler", "javac")
                .put("platform", "linux/amd64");
    }
}
