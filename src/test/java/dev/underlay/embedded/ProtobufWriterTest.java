package dev.underlay.embedded;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class ProtobufWriterTest {

    @Test
    void writesTheWireFormatOfTheProtobufDocumentationExamples() {
        // field 1 = 150 and field 2 = "testing", the encoding guide's first two examples
        byte[] bytes = new ProtobufWriter().int64(1, 150).string(2, "testing").toByteArray();

        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo("089601" + "120774657374696e67");
    }

    @Test
    void nestsAMessageAsALengthDelimitedField() {
        byte[] bytes = new ProtobufWriter()
                .message(3, new ProtobufWriter().int64(1, 150))
                .toByteArray();

        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo("1a03089601");
    }

    @Test
    void writesDoublesLittleEndianAndNegativeNumbersInTenBytes() {
        byte[] bytes = new ProtobufWriter().doubleValue(7, 1.5).int64(11, -1).toByteArray();

        assertThat(HexFormat.of().formatHex(bytes))
                .isEqualTo("39" + "000000000000f83f" + "58" + "ffffffffffffffffff01");
    }

    @Test
    void leavesOutSingularDefaultsButNotRepeatedElementsOneofMembersOrMessages() {
        byte[] defaults = new ProtobufWriter()
                .string(1, "")
                .string(2, null)
                .int64(3, 0)
                .bool(4, false)
                .doubleValue(5, 0.0)
                .toByteArray();
        byte[] present = new ProtobufWriter()
                .element(1, "")
                .oneofBool(2, false)
                .message(3, new ProtobufWriter())
                .bool(4, true)
                .toByteArray();

        assertThat(defaults).isEmpty();
        assertThat(HexFormat.of().formatHex(present)).isEqualTo("0a00" + "1000" + "1a00" + "2001");
    }

    @Test
    void encodesUtf8AndLongStringsWithAVarintLength() {
        String text = "é".repeat(100);

        ProtobufReader read =
                ProtobufReader.parse(new ProtobufWriter().string(5, text).toByteArray());

        assertThat(read.string(5)).isEqualTo(text);
    }
}
