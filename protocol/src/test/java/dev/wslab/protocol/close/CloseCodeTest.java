package dev.wslab.protocol.close;

import dev.wslab.protocol.close.CloseCode.Category;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("§7.4 CloseCode")
class CloseCodeTest {

    @ParameterizedTest(name = "{0} is {1}, valid on the wire: {2}")
    @CsvSource({
            "0, NOT_USED, false", "999, NOT_USED, false",
            "1000, STANDARD, true", "1001, STANDARD, true", "1002, STANDARD, true", "1003, STANDARD, true",
            "1004, RESERVED, false",
            "1005, RESERVED_NEVER_ON_WIRE, false", "1006, RESERVED_NEVER_ON_WIRE, false",
            "1007, STANDARD, true", "1008, STANDARD, true", "1009, STANDARD, true", "1010, STANDARD, true",
            "1011, STANDARD, true", "1012, STANDARD, true", "1013, STANDARD, true", "1014, STANDARD, true",
            "1015, RESERVED_NEVER_ON_WIRE, false",
            "1016, RESERVED, false", "2999, RESERVED, false",
            "3000, REGISTERED, true", "3999, REGISTERED, true",
            "4000, PRIVATE, true", "4999, PRIVATE, true",
            "5000, UNDEFINED, false", "65535, UNDEFINED, false"})
    @DisplayName("§7.4.1, §7.4.2 and the IANA registry: ranges and what may be sent")
    void categories(int value, Category category, boolean validOnTheWire) {
        CloseCode code = CloseCode.of(value);
        assertThat(code.category()).isEqualTo(category);
        assertThat(code.isValidOnTheWire()).isEqualTo(validOnTheWire);
    }

    @Test
    void namedAsTheRfcAndTheRegistryNameThem() {
        assertThat(CloseCode.NORMAL_CLOSURE).hasToString("1000 (Normal Closure)");
        assertThat(CloseCode.NO_STATUS_RCVD.meaning()).isEqualTo("No Status Rcvd");
        assertThat(CloseCode.INVALID_FRAME_PAYLOAD_DATA.meaning()).isEqualTo("Invalid frame payload data");
        assertThat(CloseCode.TRY_AGAIN_LATER.value()).isEqualTo(1013);
        assertThat(CloseCode.of(4001)).hasToString("4001 (Private use (4000-4999))");
    }

    @Test
    void aCodeIsAnUnsigned16BitNumber() {
        assertThatThrownBy(() -> CloseCode.of(65536)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CloseCode.of(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
