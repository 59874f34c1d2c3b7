package dev.wslab.protocol.frame;

import dev.wslab.protocol.close.CloseCode;
import dev.wslab.protocol.close.CloseStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static dev.wslab.protocol.frame.Rfc6455Examples.*;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("FrameEncoder")
class FrameEncoderTest {

    @Nested
    @DisplayName("§5.7 the RFC's examples, byte for byte")
    class RfcExamples {

        @Test
        void unmaskedTextHello() {
            assertThat(FrameEncoder.encode(Frame.text("Hello"))).isEqualTo(UNMASKED_TEXT_HELLO);
        }

        @Test
        void maskedTextHello() {
            assertThat(FrameEncoder.encode(Frame.text("Hello").maskedWith(EXAMPLE_KEY))).isEqualTo(MASKED_TEXT_HELLO);
        }

        @Test
        void fragmentedTextHelLo() {
            assertThat(FrameEncoder.encode(Frame.text("Hel").withFin(false))).isEqualTo(FRAGMENT_HEL);
            assertThat(FrameEncoder.encode(Frame.continuation(Payload.utf8("lo"), true))).isEqualTo(FRAGMENT_LO);
        }

        @Test
        void unmaskedPingAndMaskedPong() {
            assertThat(FrameEncoder.encode(Frame.ping(Payload.utf8("Hello")))).isEqualTo(UNMASKED_PING_HELLO);
            assertThat(FrameEncoder.encode(Frame.pong(Payload.utf8("Hello")).maskedWith(EXAMPLE_KEY)))
                    .isEqualTo(MASKED_PONG_HELLO);
        }

        @Test
        void binary256And64KiBHeaders() {
            assertThat(FrameEncoder.encode(Frame.binary(Payload.of(pattern(256)))))
                    .isEqualTo(concat(BINARY_256_HEADER, pattern(256)));
            assertThat(FrameEncoder.encode(Frame.binary(Payload.of(pattern(65536)))))
                    .isEqualTo(concat(BINARY_64K_HEADER, pattern(65536)));
        }
    }

    @Nested
    @DisplayName("§5.2 the minimal length form")
    class MinimalLength {

        // tag::header-lengths[]
        @Test
        void headerLengthsAtTheBoundaries() {
            assertThat(FrameHeader.encodedLength(0, false)).isEqualTo(2);
            assertThat(FrameHeader.encodedLength(125, false)).isEqualTo(2);
            assertThat(FrameHeader.encodedLength(126, false)).isEqualTo(4);
            assertThat(FrameHeader.encodedLength(65535, false)).isEqualTo(4);
            assertThat(FrameHeader.encodedLength(65536, false)).isEqualTo(10);
            assertThat(FrameHeader.encodedLength(65536, true)).isEqualTo(14);
        }
        // end::header-lengths[]

        @Test
        void aHeaderCanAnnounceAPayloadThatIsWrittenSeparately() {
            FrameHeader header = new FrameHeader(true, false, false, false, 2, false, 0, Long.MAX_VALUE);
            assertThat(FrameEncoder.encodeHeader(header)).isEqualTo(hex("82 7f 7f ff ff ff ff ff ff ff")); // FIN binary, unmasked, 64-bit length 2^63-1
        }
    }

    @Nested
    @DisplayName("frames that break the rules, for the conformance suite")
    class RuleBreakingFrames {

        @Test
        void reservedBitsAndReservedOpcode() {
            Frame frame = Frame.text("").withReservedBits(true, false, true).withOpcode(0x3);
            assertThat(FrameEncoder.encode(frame)).isEqualTo(hex("d3 00")); // FIN, RSV1 and RSV3, reserved opcode 0x3, unmasked, empty
        }

        @Test
        void oversizedAndFragmentedControlFrame() {
            byte[] encoded = FrameEncoder.encode(Frame.ping(Payload.of(new byte[126])).withFin(false));
            assertThat(encoded).startsWith(hex("09 7e 00 7e")); // Ping with FIN clear, unmasked, 16-bit length 126
        }

        @Test
        void closeFrameBody() {
            assertThat(FrameEncoder.encode(Frame.close(CloseStatus.of(CloseCode.NORMAL_CLOSURE, "bye"))))
                    .isEqualTo(hex("88 05 03 e8 62 79 65")); // FIN Close, unmasked, length 5, code 1000, reason "bye"
            assertThat(FrameEncoder.encode(Frame.close(CloseStatus.NO_STATUS))).isEqualTo(hex("88 00")); // FIN Close, unmasked, empty
        }
    }
}
