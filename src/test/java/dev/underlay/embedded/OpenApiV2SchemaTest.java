package dev.underlay.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OpenApiV2SchemaTest {

    @Test
    void keepsWhatV2CanSayIncludingVendorExtensions() {
        JsonNode v3 = Json.read("""
                {"type": "object", "description": "A VM.", "required": ["vmid"],
                 "x-kubernetes-validations": [{"rule": "self.vmid > 99"}],
                 "properties": {
                   "vmid": {"type": "integer", "minimum": 100.0, "maximum": 999999999.0, "default": 100},
                   "role": {"type": "string", "enum": ["controlplane", "worker"], "pattern": "^[a-z]+$"},
                   "tags": {"type": "array", "maxItems": 8, "items": {"type": "string", "maxLength": 32},
                            "x-kubernetes-list-type": "set"},
                   "labels": {"type": "object", "additionalProperties": {"type": "string"}}}}""");

        assertThat(OpenApiV2Schema.fromV3(v3)).isEqualTo(v3);
    }

    @Test
    void dropsTheCombinatorsAndKeywordsV2Lacks() {
        JsonNode v3 = Json.read("""
                {"type": "object", "externalDocs": {"url": "https://example.invalid"},
                 "oneOf": [{"required": ["a"]}, {"required": ["b"]}], "anyOf": [{"required": ["a"]}],
                 "allOf": [{"required": ["a"]}], "not": {"required": ["c"]},
                 "properties": {"a": {"type": "string"}, "b": {"type": "string"}}}""");

        assertThat(OpenApiV2Schema.fromV3(v3)).isEqualTo(Json.read("""
                        {"type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "string"}}}"""));
    }

    @Test
    void makesANullableFieldUntypedAndOptional() {
        JsonNode v3 = Json.read("""
                {"type": "object", "required": ["spec", "owner"],
                 "properties": {
                   "spec": {"type": "object", "properties": {"a": {"type": "string"}}},
                   "owner": {"type": "object", "nullable": true, "description": "Who.",
                             "properties": {"name": {"type": "string"}}}}}""");

        assertThat(OpenApiV2Schema.fromV3(v3)).isEqualTo(Json.read("""
                        {"type": "object", "required": ["spec"],
                         "properties": {
                           "spec": {"type": "object", "properties": {"a": {"type": "string"}}},
                           "owner": {"description": "Who."}}}"""));
    }

    @Test
    void leavesIntOrStringUntypedAndUnknownFieldsUnchecked() {
        JsonNode v3 = Json.read("""
                {"type": "object", "properties": {
                   "port": {"x-kubernetes-int-or-string": true, "anyOf": [{"type": "integer"}, {"type": "string"}]},
                   "extra": {"type": "object", "x-kubernetes-preserve-unknown-fields": true,
                             "properties": {"known": {"type": "string"}}},
                   "anything": {"type": "array", "x-kubernetes-preserve-unknown-fields": true,
                                "items": {"type": "string"}}}}""");

        assertThat(OpenApiV2Schema.fromV3(v3)).isEqualTo(Json.read("""
                        {"type": "object", "properties": {
                           "port": {"x-kubernetes-int-or-string": true},
                           "extra": {"type": "object", "x-kubernetes-preserve-unknown-fields": true},
                           "anything": {"x-kubernetes-preserve-unknown-fields": true}}}"""));
    }

    @Test
    void givesAnEmbeddedResourceItsTypeMetaAndDropsEmptyProperties() {
        JsonNode v3 = Json.read("""
                {"type": "object", "properties": {
                   "template": {"type": "object", "x-kubernetes-embedded-resource": true,
                                "properties": {"spec": {"type": "object", "properties": {}}}}}}""");

        JsonNode template = OpenApiV2Schema.fromV3(v3).path("properties").path("template");

        assertThat(template.path("properties").path("spec").toString()).isEqualTo("{\"type\":\"object\"}");
        assertThat(template.path("properties").path("apiVersion").path("type").asText())
                .isEqualTo("string");
        assertThat(template.path("properties").path("kind").path("type").asText())
                .isEqualTo("string");
        assertThat(template.path("properties").path("metadata").path("type").asText())
                .isEqualTo("object");
    }
}
