package dev.underlay.embedded;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Field numbers as in gnostic's openapiv2/OpenAPIv2.proto, read back with a schema-less reader. */
class OpenApiV2ProtobufTest {

    private static final ObjectNode DOCUMENT = (ObjectNode) Json.read("""
            {"swagger": "2.0", "info": {"title": "API", "version": "v1"}, "paths": {},
             "definitions": {
               "dev.underlay.v1alpha1.Thing": {
                 "type": "object", "description": "A thing.", "required": ["spec"],
                 "x-kubernetes-group-version-kind": [{"group": "underlay.dev", "kind": "Thing", "version": "v1alpha1"}],
                 "properties": {
                   "spec": {"type": "object", "properties": {
                     "size": {"type": "integer", "minimum": 1.0, "maximum": 4194304.0, "default": 8},
                     "mode": {"type": "string", "enum": ["on", "off"], "maxLength": 3, "pattern": "^o"},
                     "tags": {"type": "array", "items": {"type": "string"}, "minItems": 1, "uniqueItems": true},
                     "labels": {"type": "object", "additionalProperties": {"type": "string"}},
                     "closed": {"type": "object", "additionalProperties": false},
                     "port": {"x-kubernetes-int-or-string": true}}}}}}}""");

    private final ProtobufReader document = ProtobufReader.parse(OpenApiV2Protobuf.encode(DOCUMENT));

    @Test
    void writesTheDocumentFieldsAndAnEmptyPaths() {
        assertThat(document.fieldNumbers()).containsExactly(1, 2, 8, 9);
        assertThat(document.string(1)).isEqualTo("2.0");
        assertThat(document.message(2).string(1)).isEqualTo("API");
        assertThat(document.message(2).string(2)).isEqualTo("v1");
        assertThat(document.message(8).fieldNumbers()).isEmpty();
        assertThat(document.message(9).namedMessages(1)).containsOnlyKeys("dev.underlay.v1alpha1.Thing");
    }

    @Test
    void writesTheGroupVersionKindExtensionAsYamlForKubectlToIndexKindsBy() {
        ProtobufReader thing = thing();
        ProtobufReader extension = thing.messages(31).get(0);

        assertThat(extension.string(1)).isEqualTo("x-kubernetes-group-version-kind");
        assertThat(Json.readYaml(extension.message(2).string(2)))
                .isEqualTo(DOCUMENT.path("definitions")
                        .path("dev.underlay.v1alpha1.Thing")
                        .path("x-kubernetes-group-version-kind"));
        assertThat(thing.string(4)).isEqualTo("A thing.");
        assertThat(thing.strings(19)).containsExactly("spec");
        assertThat(thing.message(22).strings(1)).containsExactly("object");
    }

    @Test
    void writesEachSchemaKeywordInItsField() {
        Map<String, ProtobufReader> fields =
                thing().message(25).namedMessages(1).get("spec").message(25).namedMessages(1);

        ProtobufReader size = fields.get("size");
        assertThat(size.message(22).strings(1)).containsExactly("integer");
        assertThat(size.doubleValue(9)).isEqualTo(1.0);
        assertThat(size.doubleValue(7)).isEqualTo(4194304.0);
        assertThat(size.message(5).string(2)).isEqualTo("8\n");

        ProtobufReader mode = fields.get("mode");
        assertThat(mode.messages(20).stream().map(any -> any.string(2).trim()).toList())
                .containsExactly("\"on\"", "\"off\"");
        assertThat(mode.varint(11)).isEqualTo(3);
        assertThat(mode.string(13)).isEqualTo("^o");

        ProtobufReader tags = fields.get("tags");
        List<ProtobufReader> items = tags.message(23).messages(1);
        assertThat(items).hasSize(1);
        assertThat(items.get(0).message(22).strings(1)).containsExactly("string");
        assertThat(tags.varint(15)).isEqualTo(1);
        assertThat(tags.varint(16)).isEqualTo(1);

        assertThat(fields.get("labels").message(21).message(1).message(22).strings(1))
                .containsExactly("string");
        assertThat(fields.get("closed").message(21).fieldNumbers()).containsExactly(2);
        assertThat(fields.get("closed").message(21).varint(2)).isZero();
        assertThat(fields.get("port").has(22)).isFalse();
        assertThat(fields.get("port").messages(31).get(0).string(1)).isEqualTo("x-kubernetes-int-or-string");
    }

    @Test
    void refusesPathItemsItDoesNotEncode() {
        ObjectNode withPaths = DOCUMENT.deepCopy();
        withPaths.putObject("paths").putObject("/api/v1/namespaces");

        assertThatThrownBy(() -> OpenApiV2Protobuf.encode(withPaths)).isInstanceOf(IllegalArgumentException.class);
    }

    private ProtobufReader thing() {
        return document.message(9).namedMessages(1).get("dev.underlay.v1alpha1.Thing");
    }
}
