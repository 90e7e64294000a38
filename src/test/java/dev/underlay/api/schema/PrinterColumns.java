package dev.underlay.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.underlay.embedded.HumanDuration;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a row of {@code kubectl get} the way the API server builds its table from a CRD's printer columns: the
 * first value the column's JSONPath finds, converted by the column type (a {@code date} becomes an age such as
 * {@code 3d}); a column without a value, or with a value of the wrong type, prints as {@code <none>}.
 */
public final class PrinterColumns {

    public static final String NONE = "<none>";

    private PrinterColumns() {}

    /** The column headers as kubectl prints them, NAME first; wide adds the priority > 0 columns. */
    public static List<String> headers(CrdCatalog.Crd crd, boolean wide) {
        List<String> headers = new ArrayList<>(List.of("NAME"));
        crd.columns().stream()
                .filter(c -> wide || c.priority() == 0)
                .forEach(c -> headers.add(c.name().toUpperCase()));
        return headers;
    }

    public static List<String> row(CrdCatalog.Crd crd, JsonNode object, Instant now, boolean wide) {
        List<String> cells =
                new ArrayList<>(List.of(object.path("metadata").path("name").asText()));
        for (CrdCatalog.PrinterColumn column : crd.columns()) {
            if (wide || column.priority() == 0) {
                cells.add(cell(column, object, now));
            }
        }
        return cells;
    }

    static String cell(CrdCatalog.PrinterColumn column, JsonNode object, Instant now) {
        List<JsonNode> values = KubeJsonPath.parse(column.jsonPath()).find(object);
        if (values.isEmpty() || values.get(0).isNull()) {
            return NONE;
        }
        JsonNode value = values.get(0);
        return switch (column.type()) {
            case "string" -> value.isValueNode() ? value.asText() : value.toString();
            case "integer" -> value.isIntegralNumber() ? value.asText() : NONE;
            case "number" ->
                value.isNumber()
                        ? new BigDecimal(value.asText()).stripTrailingZeros().toPlainString()
                        : NONE;
            case "boolean" -> value.isBoolean() ? value.asText() : NONE;
            case "date" -> age(value, now);
            default -> throw new IllegalArgumentException("unknown column type " + column.type());
        };
    }

    private static String age(JsonNode value, Instant now) {
        if (!value.isTextual()) {
            return NONE;
        }
        try {
            return humanDuration(
                    Duration.between(OffsetDateTime.parse(value.asText()).toInstant(), now));
        } catch (DateTimeParseException e) {
            return NONE;
        }
    }

    /** kubectl's short age format: 45s, 5m30s, 2h10m, 20h, 3d4h, 40d, 2y30d (the embedded API server's rule). */
    public static String humanDuration(Duration duration) {
        return HumanDuration.format(duration);
    }
}
