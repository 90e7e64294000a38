package dev.underlay.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class MergePatchTest {

    /** The examples of RFC 7386, appendix A, plus the cases the CRUD store gets wrong. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"a\":\"b\"}                | {\"a\":\"c\"}              | {\"a\":\"c\"}",
                "{\"a\":\"b\"}                | {\"b\":\"c\"}              | {\"a\":\"b\",\"b\":\"c\"}",
                "{\"a\":\"b\"}                | {\"a\":null}               | {}",
                "{\"a\":\"b\",\"b\":\"c\"}    | {\"a\":null}               | {\"b\":\"c\"}",
                "{\"a\":[\"b\"]}              | {\"a\":\"c\"}              | {\"a\":\"c\"}",
                "{\"a\":\"c\"}                | {\"a\":[\"b\"]}            | {\"a\":[\"b\"]}",
                "{\"a\":{\"b\":\"c\"}}        | {\"a\":{\"b\":\"d\",\"c\":null}} | {\"a\":{\"b\":\"d\"}}",
                "{\"a\":[{\"b\":\"c\"}]}      | {\"a\":[1]}                | {\"a\":[1]}",
                "[\"a\",\"b\"]                | [\"c\",\"d\"]              | [\"c\",\"d\"]",
                "{\"a\":\"b\"}                | [\"c\"]                    | [\"c\"]",
                "{\"e\":null}                 | {\"a\":1}                  | {\"e\":null,\"a\":1}",
                "[1,2]                        | {\"a\":\"b\",\"c\":null}   | {\"a\":\"b\"}",
                "{}                           | {\"a\":{\"bb\":{\"ccc\":null}}} | {\"a\":{\"bb\":{}}}",
                "{\"c\":[{\"t\":\"Ready\"},{\"t\":\"Synced\"}]} | {\"c\":[{\"t\":\"Ready\"}]} | {\"c\":[{\"t\":\"Ready\"}]}"
            })
    void mergesAsRfc7386Says(String target, String patch, String result) {
        assertThat(MergePatch.apply(Json.read(target), Json.read(patch))).isEqualTo(Json.read(result));
    }

    @Test
    void diffsTopLevelMembersOnly() {
        JsonNode current = Json.read("{\"metadata\":{\"name\":\"x\"},\"spec\":{\"a\":1},\"status\":{\"s\":1}}");
        JsonNode desired = Json.read("{\"metadata\":{\"name\":\"x\"},\"spec\":{\"a\":2},\"data/x\":\"~\"}");

        assertThat(MergePatch.topLevelDiff(current, desired)).isEqualTo(Json.read("""
                [{"op": "add", "path": "/spec", "value": {"a": 2}},
                 {"op": "add", "path": "/data~1x", "value": "~"},
                 {"op": "remove", "path": "/status"}]"""));
    }
}
