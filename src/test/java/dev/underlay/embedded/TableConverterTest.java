package dev.underlay.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TableConverterTest {

    private static final Instant NOW = Instant.parse("2026-01-10T12:00:00Z");
    private static final ResourceType VMS = new ResourceType(
            "underlay.dev",
            "v1alpha1",
            "TalosNodeVM",
            "talosnodevms",
            "talosnodevm",
            true,
            List.of("tnvm"),
            List.of(),
            true,
            List.of(
                    column("VMID", "integer", 0, ".status.vmid"),
                    column("State", "string", 0, ".status.powerState"),
                    column("IP", "string", 0, ".status.ipAddresses[0]"),
                    column("K8s-Ready", "boolean", 0, ".status.kubernetesNodeReady"),
                    column("Ready", "string", 0, ".status.conditions[?(@.type==\"Ready\")].status"),
                    column("Reason", "string", 1, ".status.conditions[?(@.type==\"Ready\")].reason"),
                    column("Used", "string", 0, ".status.percentUsed"),
                    column("Load", "number", 1, ".status.load"),
                    column("Age", "date", 0, ".metadata.creationTimestamp")));

    private static final JsonNode WITH_STATUS = Json.read("""
            {"apiVersion": "underlay.dev/v1alpha1", "kind": "TalosNodeVM",
             "metadata": {"name": "talos-cp-01", "namespace": "default", "resourceVersion": "7",
                          "creationTimestamp": "2026-01-10T11:55:00Z", "labels": {"role": "controlplane"}},
             "spec": {"vmid": 101},
             "status": {"vmid": 101, "powerState": "Running", "ipAddresses": ["10.8.16.21"],
                        "kubernetesNodeReady": true, "percentUsed": 42, "load": 1.5,
                        "conditions": [{"type": "Ready", "status": "False", "reason": "ClusterNotFound"}]}}
            """);
    private static final JsonNode WITHOUT_STATUS = Json.read("""
            {"apiVersion": "underlay.dev/v1alpha1", "kind": "TalosNodeVM",
             "metadata": {"name": "talos-cp-02", "namespace": "default", "resourceVersion": "8",
                          "creationTimestamp": "2026-01-08T12:00:00Z"}}
            """);

    private final TableConverter tables = new TableConverter(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void declaresNameThenThePrinterColumnsInCrdOrderWithTypeFormatAndPriority() {
        ObjectNode table = tables.toTable(VMS, WITH_STATUS, "v1", TableConverter.IncludeObject.METADATA);

        assertThat(table.path("kind").asText()).isEqualTo("Table");
        assertThat(table.path("apiVersion").asText()).isEqualTo("meta.k8s.io/v1");
        assertThat(table.findValuesAsText("name"))
                .startsWith("Name", "VMID", "State", "IP", "K8s-Ready", "Ready", "Reason", "Used", "Load", "Age");
        JsonNode definitions = table.path("columnDefinitions");
        assertThat(definitions.get(0).path("format").asText()).isEqualTo("name");
        assertThat(definitions.get(1).path("type").asText()).isEqualTo("integer");
        assertThat(definitions.get(6).path("priority").asInt()).isEqualTo(1);
        assertThat(definitions.get(9).path("type").asText()).isEqualTo("date");
    }

    @Test
    void rendersTypedCellsAsTheApiServerDoes() {
        ObjectNode table = tables.toTable(VMS, WITH_STATUS, "v1", TableConverter.IncludeObject.METADATA);

        assertThat(table.path("rows")).hasSize(1);
        // compared as JSON text: 101 is a long cell, the parsed expectation an int node
        assertThat(table.path("rows").get(0).path("cells").toString())
                .isEqualTo(
                        "[\"talos-cp-01\",101,\"Running\",\"10.8.16.21\",true,\"False\",\"ClusterNotFound\",\"42\",1.5,\"5m\"]");
    }

    @Test
    void leavesMissingValuesNullAndStillRendersTheAge() {
        ObjectNode table = tables.toTable(VMS, WITHOUT_STATUS, "v1", TableConverter.IncludeObject.METADATA);

        assertThat(table.path("rows").get(0).path("cells").toString())
                .isEqualTo("[\"talos-cp-02\",null,null,null,null,null,null,null,null,\"2d\"]");
    }

    @Test
    void rendersAValueOfTheWrongTypeAsNull() {
        JsonNode odd = Json.read("""
                {"metadata": {"name": "odd", "creationTimestamp": "yesterday"},
                 "status": {"vmid": "one-oh-one", "kubernetesNodeReady": "yes"}}""");

        JsonNode cells = tables.toTable(VMS, odd, "v1", TableConverter.IncludeObject.NONE)
                .path("rows")
                .get(0)
                .path("cells");

        assertThat(cells.get(1).isNull()).isTrue();
        assertThat(cells.get(4).isNull()).isTrue();
        assertThat(cells.get(9).asText()).isEqualTo("<invalid>");
    }

    @Test
    void rendersOneRowPerListItemAndKeepsTheListResourceVersion() {
        ObjectNode list = Json.object();
        list.putObject("metadata").put("resourceVersion", "12");
        list.putArray("items").add(WITH_STATUS).add(WITHOUT_STATUS);

        ObjectNode table = tables.toTable(VMS, list, "v1beta1", TableConverter.IncludeObject.METADATA);

        assertThat(table.path("apiVersion").asText()).isEqualTo("meta.k8s.io/v1beta1");
        assertThat(table.path("metadata").path("resourceVersion").asText()).isEqualTo("12");
        assertThat(table.path("rows"))
                .extracting(r -> r.path("cells").get(0).asText())
                .containsExactly("talos-cp-01", "talos-cp-02");
    }

    @Test
    void embedsPartialObjectMetadataByDefaultTheWholeObjectOrNothingOnRequest() {
        JsonNode metadataOnly = tables.toTable(VMS, WITH_STATUS, "v1", TableConverter.IncludeObject.METADATA)
                .path("rows")
                .get(0)
                .path("object");
        assertThat(metadataOnly.path("kind").asText()).isEqualTo("PartialObjectMetadata");
        assertThat(metadataOnly.path("apiVersion").asText()).isEqualTo("meta.k8s.io/v1");
        assertThat(metadataOnly.path("metadata")).isEqualTo(WITH_STATUS.path("metadata"));
        assertThat(metadataOnly.has("spec")).isFalse();

        JsonNode whole = tables.toTable(VMS, WITH_STATUS, "v1", TableConverter.IncludeObject.OBJECT)
                .path("rows")
                .get(0)
                .path("object");
        assertThat(whole).isEqualTo(WITH_STATUS);

        assertThat(tables.toTable(VMS, WITH_STATUS, "v1", TableConverter.IncludeObject.NONE)
                        .path("rows")
                        .get(0)
                        .has("object"))
                .isFalse();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json | v1",
                "application/json;as=Table;v=v1beta1;g=meta.k8s.io, application/json | v1beta1",
                "application/json;as=Table;g=meta.k8s.io;v=v1 | v1",
                "application/json | ''",
                "application/json, application/json;as=Table;v=v1;g=meta.k8s.io | ''",
                "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json | ''",
                "application/vnd.kubernetes.protobuf;as=Table;v=v1;g=meta.k8s.io | v1"
            })
    void findsTheRequestedTableVersionInTheAcceptHeader(String accept, String version) {
        assertThat(TableConverter.requestedTableVersion(accept))
                .isEqualTo(version.isEmpty() ? Optional.empty() : Optional.of(version));
    }

    @Test
    void parsesIncludeObject() {
        assertThat(TableConverter.IncludeObject.fromParam(Optional.empty()))
                .isEqualTo(TableConverter.IncludeObject.METADATA);
        assertThat(TableConverter.IncludeObject.fromParam(Optional.of("Object")))
                .isEqualTo(TableConverter.IncludeObject.OBJECT);
        assertThat(TableConverter.IncludeObject.fromParam(Optional.of("None")))
                .isEqualTo(TableConverter.IncludeObject.NONE);
    }

    private static PrinterColumn column(String name, String type, int priority, String path) {
        return new PrinterColumn(name, type, null, name + " column", priority, path);
    }
}
