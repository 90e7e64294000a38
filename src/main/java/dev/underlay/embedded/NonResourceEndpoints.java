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

    /**
     * The protobuf form in an Accept header: kubectl writes {@code ...spec.v2@v1.0+protobuf}, the answer's type is
     * {@code ...spec.v2.v1.0+protobuf}; either asks for it.
     */
    private static final String PROTOBUF_V2_REQUEST = "application/com.github.proto-openapi.spec.v2";

    private final ResourceCatalog catalog;
    private final DiscoveryDocuments discovery;
    private final OpenApiDocuments openApi;
    private volatile String serverAddress = "127.0.0.1";

    NonResourceEndpoints(ResourceCatalog catalog) {
        this.catalog = catalog;
        this.discovery = new DiscoveryDocuments(catalog);
        this.openApi = new OpenApiDocuments(catalog);
    }

    void serverAddress(String hostAndPort) {
        this.serverAddress = hostAndPort;
    }

    /**
     * The answer to a GET of {@code path} (no query) asking for {@code accept} (may be null), or empty when the path
     * names resources.
     */
    Optional<MockResponse> serve(String path, String accept) {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (trimmed.equals("/openapi/v2")) {
            return Optional.of(openApiV2(accept != null && accept.contains(PROTOBUF_V2_REQUEST)));
        }
        if (trimmed.equals("/swagger-2.0.0.pb-v1")) {
            return Optional.of(openApiV2(true));
        }
        if (trimmed.equals("/swagger.json")) {
            return Optional.of(openApiV2(false));
        }
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
                    404, "NotFound", "the embedded API server serves OpenAPI at /openapi/v2 and /openapi/v3 only"));
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

    /**
     * kubectl before 1.27 asks {@code /openapi/v2} for protobuf, and falls back to the pre-1.10 path
     * {@code /swagger-2.0.0.pb-v1} on a 404; anything else gets JSON, as from the API server.
     */
    private MockResponse openApiV2(boolean protobuf) {
        ObjectNode document = OpenApiV2Document.of(PublishedSchema.of(catalog));
        if (!protobuf) {
            return ApiStatus.ok(document);
        }
        return new MockResponse()
                .setResponseCode(200)
                .setHeader("Content-Type", OpenApiV2Protobuf.MEDIA_TYPE)
                .setBody(OpenApiV2Protobuf.encode(document));
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
