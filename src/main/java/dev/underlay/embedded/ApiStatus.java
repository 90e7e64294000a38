package dev.underlay.embedded;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;

/** {@code meta/v1 Status} failure responses, so kubectl prints "Error from server (Reason): message". */
final class ApiStatus {

    private ApiStatus() {}

    static MockResponse failure(int code, String reason, String message) {
        ObjectNode status = Json.object()
                .put("kind", "Status")
                .put("apiVersion", "v1")
                .put("status", "Failure")
                .put("message", message)
                .put("reason", reason)
                .put("code", code);
        status.putObject("metadata");
        return new MockResponse().setResponseCode(code).setBody(Json.write(status));
    }

    static MockResponse notFound(ResourcePath path) {
        String message = path.name() == null
                ? "the server could not find the requested resource"
                : path.qualifiedResource() + " \"" + path.name() + "\" not found";
        MockResponse response = failure(404, "NotFound", message);
        ObjectNode status = (ObjectNode) Json.read(response.getBody().readUtf8());
        ObjectNode details = status.putObject("details").put("kind", path.resource());
        if (path.name() != null) {
            details.put("name", path.name());
        }
        if (!path.group().isEmpty()) {
            details.put("group", path.group());
        }
        return response.setBody(Json.write(status));
    }

    static MockResponse noSuchPath() {
        return failure(404, "NotFound", "the server could not find the requested resource");
    }

    static MockResponse ok(Object document) {
        return new MockResponse().setResponseCode(200).setBody(Json.write(document));
    }
}
