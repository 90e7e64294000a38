package dev.underlay.embedded;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The OpenAPI v2 (Swagger 2.0) document at {@code /openapi/v2}: what kubectl before 1.27 reads to validate a manifest
 * on the client before it sends it ({@code kubectl apply} and {@code create} without {@code --validate=false}) and to
 * answer {@code kubectl explain}. Every custom kind has a definition converted from its CRD schema by
 * {@link OpenApiV2Schema}, so such a kubectl checks custom resources the way it does against a real cluster. Built-in
 * kinds have none: kubectl then validates them against nothing and computes their patches from its own compiled-in
 * types, which is what it would do with their real, much larger definitions anyway.
 * <p>
 * There are no paths. kubectl 1.20 reads none; 1.23 to 1.26 look there for the {@code dryRun} and
 * {@code fieldValidation} parameters and, not finding them, refuse {@code --dry-run=server} (which this server does not
 * support anyway) and validate on the client, as 1.20 does.
 */
final class OpenApiV2Document {

    private OpenApiV2Document() {}

    static ObjectNode of(List<PublishedSchema> schemas) {
        ObjectNode doc = Json.object().put("swagger", "2.0");
        doc.putObject("info")
                .put("title", "Underlay embedded Kubernetes API")
                .put("version", NonResourceEndpoints.KUBERNETES_VERSION);
        doc.putObject("paths");
        ObjectNode definitions = doc.putObject("definitions");
        for (PublishedSchema schema : schemas) {
            ObjectNode definition = OpenApiV2Schema.fromV3(schema.v3Schema());
            definition.set(PublishedSchema.GVK_EXTENSION, schema.groupVersionKind());
            definitions.set(schema.definitionName(), definition);
        }
        return doc;
    }
}
