package dev.underlay.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;

import java.util.Optional;

/**
 * Answers "may I?" questions: the embedded server has no authentication or authorization, so everything is
 * allowed. JOSDK asks before leader election (a SelfSubjectRulesReview for Leases) and refuses to start when the
 * answer is missing; {@code kubectl auth can-i} asks with a SelfSubjectAccessReview.
 */
final class AccessReviews {

    static final String GROUP = "authorization.k8s.io";

    private AccessReviews() {}

    static Optional<MockResponse> answer(ResourcePath path, String body) {
        if (!GROUP.equals(path.group()) || !path.isCollection()) {
            return Optional.empty();
        }
        JsonNode request = body.isBlank() ? Json.object() : Json.read(body);
        ObjectNode review = Json.object()
                .put("apiVersion", GROUP + "/" + path.version())
                .put("kind", request.path("kind").asText(""));
        review.putObject("metadata");
        review.set("spec", request.path("spec").isMissingNode() ? Json.object() : request.get("spec"));
        ObjectNode status = review.putObject("status");
        switch (path.resource()) {
            case "selfsubjectrulesreviews" -> {
                status.putArray("resourceRules")
                        .addObject()
                        .<ObjectNode>set("verbs", Json.MAPPER.createArrayNode().add("*"))
                        .<ObjectNode>set(
                                "apiGroups", Json.MAPPER.createArrayNode().add("*"))
                        .set("resources", Json.MAPPER.createArrayNode().add("*"));
                status.putArray("nonResourceRules")
                        .addObject()
                        .<ObjectNode>set("verbs", Json.MAPPER.createArrayNode().add("*"))
                        .set("nonResourceURLs", Json.MAPPER.createArrayNode().add("*"));
                status.put("incomplete", false);
            }
            case "selfsubjectaccessreviews", "subjectaccessreviews", "localsubjectaccessreviews" ->
                status.put("allowed", true).put("reason", "the embedded API server authorizes everything");
            default -> {
                return Optional.empty();
            }
        }
        return Optional.of(new MockResponse().setResponseCode(201).setBody(Json.write(review)));
    }
}
