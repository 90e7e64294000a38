package dev.underlay.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * What kubectl needs from an API server, in front of fabric8's CRUD store: discovery computed from the stored
 * CRDs, server-side Tables from their printer columns, Status bodies on errors, JSON content types, and patch
 * types the store lacks translated into a JSON merge patch. The store keeps objects, resource versions,
 * generations, finalizers, the status subresource and watches.
 */
final class ApiServerDispatcher extends Dispatcher {

    private static final String JSON = "application/json";
    private static final String MERGE_PATCH = "application/merge-patch+json";
    private static final String JSON_PATCH = "application/json-patch+json";

    private final KubernetesCrudDispatcher store;
    private final ResourceCatalog catalog;
    private final NonResourceEndpoints nonResource;
    private final TableConverter tables;

    ApiServerDispatcher(KubernetesCrudDispatcher store, Clock clock) {
        this.store = store;
        this.catalog = new ResourceCatalog(() -> Json.read(
                store.handleGet(ResourceCatalog.CRD_LIST_PATH).getBody().readUtf8()));
        this.nonResource = new NonResourceEndpoints(catalog);
        this.tables = new TableConverter(clock);
    }

    void serverAddress(String hostAndPort) {
        nonResource.serverAddress(hostAndPort);
    }

    ResourceCatalog catalog() {
        return catalog;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        MockResponse response = route(request);
        if (response.getWebSocketListener() == null && response.header("Content-Type") == null) {
            response.setHeader("Content-Type", JSON);
        }
        return response;
    }

    /**
     * The DELETED event a watch on one named object has missed, if it has: the store keeps no history, so an object
     * deleted between the client's list and its watch (a finalizer released in that instant, as in {@code kubectl
     * delete} of a resource the operator cleans up at once) would leave {@code kubectl delete --wait} or {@code kubectl
     * wait --for=delete} waiting forever. The API server replays it from its watch cache; here the object's absence
     * once the watch is registered stands for it. Empty when the watch is not on one name or the object exists.
     */
    Optional<ObjectNode> missedDeletion(String collectionPath, String fieldSelector, long sinceResourceVersion) {
        if (fieldSelector == null || sinceResourceVersion <= 0) {
            return Optional.empty();
        }
        Optional<String> name = FieldSelector.parse(fieldSelector).singleName();
        Optional<ResourcePath> path = ResourcePath.parse(collectionPath);
        if (name.isEmpty() || path.isEmpty() || path.get().name() != null) {
            return Optional.empty();
        }
        Optional<ResourceType> type = typeOf(path.get());
        if (type.isEmpty() || store.handleGet(collectionPath + "/" + name.get()).code() != 404) {
            return Optional.empty();
        }
        ObjectNode object = Json.object();
        object.put("apiVersion", type.get().groupVersion());
        object.put("kind", type.get().kind());
        ObjectNode metadata = object.putObject("metadata");
        metadata.put("name", name.get());
        if (path.get().namespace() != null) {
            metadata.put("namespace", path.get().namespace());
        }
        metadata.put("resourceVersion", Long.toString(sinceResourceVersion + 1));
        return Optional.of(object);
    }

    /** For a GET that asks for a server-side Table, turns each watched object into a one-row Table. */
    Optional<UnaryOperator<JsonNode>> watchObjectRenderer(RecordedRequest request) {
        QueryString target = QueryString.of(request.getPath());
        Optional<String> tableVersion = TableConverter.requestedTableVersion(request.getHeader("Accept"));
        Optional<ResourceType> type = ResourcePath.parse(target.path()).flatMap(this::typeOf);
        if (tableVersion.isEmpty() || type.isEmpty()) {
            return Optional.empty();
        }
        TableConverter.IncludeObject include = TableConverter.IncludeObject.fromParam(target.param("includeObject"));
        return Optional.of(object -> tables.toTable(type.get(), object, tableVersion.get(), include));
    }

    private MockResponse route(RecordedRequest request) {
        String contentType = request.getHeader("Content-Type");
        if (contentType != null && contentType.startsWith("application/vnd.kubernetes.protobuf")) {
            return ApiStatus.failure(
                    415,
                    "UnsupportedMediaType",
                    "the embedded API server accepts JSON bodies only (protobuf is not supported); "
                            + "use 'kubectl apply -f' or 'kubectl create -f' with a manifest");
        }
        QueryString target = QueryString.of(request.getPath());
        if (request.method() == HttpMethod.GET) {
            Optional<MockResponse> metadata = nonResource.serve(target.path(), request.getHeader("Accept"));
            if (metadata.isPresent()) {
                return metadata.get();
            }
        }
        Optional<ResourcePath> parsed = ResourcePath.parse(target.path());
        if (parsed.isEmpty()) {
            return ApiStatus.noSuchPath();
        }
        ResourcePath path = parsed.get();
        if (request.method() != HttpMethod.GET && target.param("dryRun").isPresent()) {
            return ApiStatus.failure(400, "BadRequest", "the embedded API server does not support dry-run requests");
        }
        switch (request.method()) {
            case GET:
                return target.isWatch() ? store.handleGet(request.getPath()) : get(request, target, path);
            case POST:
                return AccessReviews.answer(path, body(request))
                        .orElseGet(() -> create(path, target.path(), contentType, body(request)));
            case PUT:
                return withFinalState(
                        path,
                        () -> orNotFound(
                                store.handleUpdate(forward(
                                        HttpMethod.PUT, target.path(), contentType, normalized(path, body(request)))),
                                path));
            case PATCH:
                return withFinalState(path, () -> patch(path, contentType, body(request)));
            case DELETE:
                return orNotFound(store.handleDelete(target.path()), path);
            default:
                return ApiStatus.failure(
                        405, "MethodNotAllowed", "the embedded API server does not allow " + request.getMethod());
        }
    }

    /**
     * Creates the object; a namespace that does not exist yet is created with it. The API server would refuse
     * the object instead, but in a throw-away local API a missing namespace is a typo not worth an error, and
     * kubectl reports "namespaces ... not found" for any later miss in a namespace that has no Namespace object.
     */
    private MockResponse create(ResourcePath path, String target, String contentType, String body) {
        MockResponse created =
                store.handleCreate(forward(HttpMethod.POST, target, contentType, normalized(path, body)));
        if (created.code() == 201
                && path.namespace() != null
                && store.handleGet("/api/v1/namespaces/" + path.namespace()).code() == 404) {
            ObjectNode namespace = Json.object().put("apiVersion", "v1").put("kind", "Namespace");
            namespace.putObject("metadata").put("name", path.namespace());
            store.handleCreate(forward(HttpMethod.POST, "/api/v1/namespaces", JSON, Json.write(namespace)));
        }
        return created;
    }

    private MockResponse get(RecordedRequest request, QueryString target, ResourcePath path) {
        // the store filters by label itself; field selectors are applied below, on the stored JSON
        String storeTarget = path.isCollection()
                ? target.param("labelSelector")
                        .map(s -> target.path() + "?labelSelector=" + URLEncoder.encode(s, StandardCharsets.UTF_8))
                        .orElse(target.path())
                : target.path();
        MockResponse stored = store.handleGet(storeTarget);
        if (stored.code() == 404) {
            return ApiStatus.notFound(path);
        }
        JsonNode body = Json.read(stored.getBody().readUtf8());
        if (body.has("items")) {
            try {
                selectInKeyOrder(
                        (ObjectNode) body, target.param("fieldSelector").map(FieldSelector::parse));
            } catch (IllegalArgumentException e) {
                return ApiStatus.failure(400, "BadRequest", e.getMessage());
            }
        }
        Optional<String> tableVersion = TableConverter.requestedTableVersion(request.getHeader("Accept"));
        Optional<ResourceType> type = typeOf(path);
        if (body.has("items") && type.isPresent()) {
            // the store answers "v1 List"; typed clients (kubectl describe's event lookup) decode only "<Kind>List"
            ((ObjectNode) body)
                    .put("apiVersion", type.get().groupVersion())
                    .put("kind", type.get().kind() + "List");
        }
        if (tableVersion.isPresent() && type.isPresent()) {
            body = tables.toTable(
                    type.get(),
                    body,
                    tableVersion.get(),
                    TableConverter.IncludeObject.fromParam(target.param("includeObject")));
        }
        return ApiStatus.ok(body);
    }

    /** The store keeps insertion order; the API server lists in key order (namespace, then name). */
    private static void selectInKeyOrder(ObjectNode list, Optional<FieldSelector> selector) {
        List<JsonNode> items = new ArrayList<>();
        list.get("items").forEach(items::add);
        items.sort(Comparator.comparing(
                        (JsonNode o) -> o.path("metadata").path("namespace").asText(""))
                .thenComparing(o -> o.path("metadata").path("name").asText("")));
        ArrayNode selected = list.putArray("items");
        items.stream().filter(o -> selector.map(f -> f.matches(o)).orElse(true)).forEach(selected::add);
    }

    /**
     * Every patch type the store lacks or gets wrong becomes a JSON merge patch computed here (see
     * {@link MergePatch}) and is handed to the store as an exact JSON patch. Server-side apply becomes a create or a
     * merge (no field ownership, no conflicts); a strategic merge patch becomes a merge patch without its {@code $}
     * directives (lists are replaced, not merged by key). Any query is dropped: the store ignores it except on
     * {@code /status}, where a query makes it answer 202 without applying the patch.
     */
    private MockResponse patch(ResourcePath path, String contentType, String body) {
        String type = contentType == null ? "" : contentType.split(";")[0].trim();
        String target = path.objectPath() + (path.subresource() == null ? "" : "/" + path.subresource());
        JsonNode patch;
        switch (type) {
            case "application/apply-patch+yaml":
                patch = Json.readYaml(body);
                if (!path.isStatus() && store.handleGet(path.objectPath()).code() == 404) {
                    return create(path, path.collectionPath(), JSON, Json.write(patch));
                }
                break;
            case "application/strategic-merge-patch+json":
                patch = withoutDirectives(Json.read(body));
                break;
            case MERGE_PATCH:
                patch = Json.read(body);
                break;
            default:
                // a JSON patch the store applies exactly; anything else it refuses with 415
                return orNotFound(store.handlePatch(forward(HttpMethod.PATCH, target, contentType, body)), path);
        }
        MockResponse stored = store.handleGet(path.objectPath());
        if (stored.code() == 404) {
            return ApiStatus.notFound(path);
        }
        JsonNode current = Json.read(stored.getBody().readUtf8());
        JsonNode merged = normalized(path, MergePatch.apply(current, patch));
        return orNotFound(
                store.handlePatch(forward(
                        HttpMethod.PATCH, target, JSON_PATCH, Json.write(MergePatch.topLevelDiff(current, merged)))),
                path);
    }

    private static JsonNode normalized(ResourcePath path, JsonNode object) {
        return path.group().isEmpty() && path.resource().equals("secrets") ? SecretData.foldStringData(object) : object;
    }

    private static String normalized(ResourcePath path, String body) {
        return path.group().isEmpty() && path.resource().equals("secrets") && !body.isBlank()
                ? Json.write(SecretData.foldStringData(Json.read(body)))
                : body;
    }

    /**
     * When an update removes the last finalizer of an object being deleted, the store deletes it and answers with
     * an empty body, which kubectl and fabric8 cannot decode. The API server answers with the object's final
     * state; the stored state before the update, without finalizers, stands in for it.
     */
    private MockResponse withFinalState(ResourcePath path, Supplier<MockResponse> update) {
        MockResponse before = path.isCollection() ? null : store.handleGet(path.objectPath());
        MockResponse response = update.get();
        boolean emptySuccess = response.code() / 100 == 2 && response.getBody().size() == 0;
        if (emptySuccess && before != null && before.code() == 200) {
            ObjectNode last = (ObjectNode) Json.read(before.getBody().readUtf8());
            ((ObjectNode) last.path("metadata")).remove("finalizers");
            return ApiStatus.ok(last);
        }
        return response;
    }

    private static JsonNode withoutDirectives(JsonNode node) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            List<String> directives = new ArrayList<>();
            object.properties().forEach(field -> {
                if (field.getKey().startsWith("$")) {
                    directives.add(field.getKey());
                } else {
                    withoutDirectives(field.getValue());
                }
            });
            object.remove(directives);
        } else if (node.isArray()) {
            node.forEach(ApiServerDispatcher::withoutDirectives);
        }
        return node;
    }

    private Optional<ResourceType> typeOf(ResourcePath path) {
        return catalog.find(path.group(), path.version(), path.resource());
    }

    private static MockResponse orNotFound(MockResponse response, ResourcePath path) {
        return response.code() == 404 && response.getBody().size() == 0 ? ApiStatus.notFound(path) : response;
    }

    private static RecordedRequest forward(HttpMethod method, String path, String contentType, String body) {
        Headers.Builder headers = Headers.builder();
        if (contentType != null) {
            headers.add("Content-Type", contentType);
        }
        return new RecordedRequest(
                "HTTP/1.1", method, path, headers.build(), new Buffer(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static String body(RecordedRequest request) {
        Buffer body = request.getBody();
        return body == null || body.size() == 0 ? "" : new String(body.getBytes(), StandardCharsets.UTF_8);
    }
}
