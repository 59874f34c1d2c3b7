package dev.wslab.protocol.frame;

import dev.wslab.protocol.ProtocolViolationException;
import dev.wslab.protocol.Rule;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static dev.wslab.protocol.frame.Rfc6455Examples.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("FrameDecoder")
class FrameDecoderTest {

    private static List<Frame> frames(byte[] bytes) {
        return FrameReader.readAll(bytes, Integer.MAX_VALUE - 8);
    }

    private static List<FramePart> parts(FrameDecoder decoder, byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        List<FramePart> parts = new ArrayList<>();
        FramePart part;
        while ((part = decoder.next(in)) != null) {
            parts.add(part);
        }
        assertThat(in.hasRemaining()).as("the decoder consumes every byte it is given").isFalse();
        return parts;
    }

    @Nested
    @DisplayName("§5.7 the RFC's examples, byte for byte")
    class RfcExamples {

        @Test
        void unmaskedTextHello() {
            assertThat(frames(UNMASKED_TEXT_HELLO)).containsExactly(Frame.text("Hello"));
        }

        @Test
        void maskedTextHelloIsUnmasked() {
            assertThat(frames(MASKED_TEXT_HELLO)).containsExactly(Frame.text("Hello").maskedWith(EXAMPLE_KEY));
        }

        @Test
        void fragmentedTextHelLo() {
            assertThat(frames(concat(FRAGMENT_HEL, FRAGMENT_LO))).containsExactly(
                    Frame.text("Hel").withFin(false),
                    Frame.continuation(Payload.utf8("lo"), true));
        }

        @Test
        void unmaskedPingAndMaskedPong() {
            assertThat(frames(concat(UNMASKED_PING_HELLO, MASKED_PONG_HELLO))).containsExactly(
                    Frame.ping(Payload.utf8("Hello")),
                    Frame.pong(Payload.utf8("Hello")).maskedWith(EXAMPLE_KEY));
        }

        @Test
        void binary256BytesUses16BitLength() {
            byte[] data = pattern(256);
            assertThat(frames(concat(BINARY_256_HEADER, data))).containsExactly(Frame.binary(Payload.of(data)));
        }

        @Test
        void binary64KiBUses64BitLength() {
            byte[] data = pattern(65536);
            assertThat(frames(concat(BINARY_64K_HEADER, data))).containsExactly(Frame.binary(Payload.of(data)));
        }
    }

    @Nested
    @DisplayName("§5.2 incremental decoding")
    class Incremental {

        @Test
        void oneByteAtATimeGivesTheSameFrames() {
            byte[] all = concat(MASKED_TEXT_HELLO, FRAGMENT_HEL, UNMASKED_PING_HELLO, FRAGMENT_LO);
            FrameReader reader = new FrameReader(1000);
            List<Frame> frames = new ArrayList<>();
            for (byte b : all) {
                Frame frame = reader.next(ByteBuffer.wrap(new byte[] {b}));
                if (frame != null) {
                    frames.add(frame);
                }
            }
            assertThat(frames).isEqualTo(frames(all));
        }

        @Test
        void theHeaderComesOutBeforeAnyPayloadByte() {
            FrameDecoder decoder = new FrameDecoder();
            List<FramePart> parts = parts(decoder, hex("82 7e 01 00")); // FIN binary, unmasked, 16-bit length 256, no payload yet
            assertThat(parts).containsExactly(new FrameHeader(true, false, false, false, 2, false, 0, 256));
            assertThat(decoder.isAtFrameBoundary()).isFalse();
        }

        // tag::chunks[]
        @Test
        void payloadChunksHoldOnlyTheBytesThatArrivedAndAreUnmaskedAtTheirOffset() {
            FrameDecoder decoder = new FrameDecoder();
            assertThat(parts(decoder, hex("81 85 37 fa 21"))).isEmpty(); // FIN text, masked, length 5, the first 3 bytes of key 37fa213d
            assertThat(parts(decoder, hex("3d"))).singleElement().isInstanceOf(FrameHeader.class); // the last byte of the key
            assertThat(parts(decoder, hex("7f 9f"))).singleElement() // "He" masked
                    .satisfies(part -> assertThat(((PayloadChunk) part).bytes()).isEqualTo("He".getBytes()));
            List<FramePart> rest = parts(decoder, hex("4d 51 58")); // "llo" masked
            assertThat(rest).singleElement().satisfies(part -> {
                PayloadChunk chunk = (PayloadChunk) part;
                assertThat(chunk.bytes()).isEqualTo("llo".getBytes());
                assertThat(chunk.offsetInFrame()).isEqualTo(2);
                assertThat(chunk.endOfFrame()).isTrue();
            });
            assertThat(decoder.isAtFrameBoundary()).isTrue();
        }
        // end::chunks[]

        @Test
        void anEmptyPayloadStillEndsWithOneEmptyChunk() {
            List<FramePart> parts = parts(new FrameDecoder(), hex("89 00")); // FIN Ping, unmasked, empty
            assertThat(parts).hasSize(2);
            assertThat(parts.get(1)).isInstanceOfSatisfying(PayloadChunk.class, chunk -> {
                assertThat(chunk.bytes()).isEmpty();
                assertThat(chunk.endOfFrame()).isTrue();
            });
        }

        @Test
        void framesThatBreakConnectionRulesAreStillDecoded() {
            // Reserved opcode 0xB, RSV1 set, FIN clear on a control frame: the connection judges these.
            assertThat(frames(hex("4b 00"))).containsExactly( // FIN clear, RSV1, opcode 0xB, unmasked, empty
                    new Frame(false, true, false, false, 0xB, false, 0, Payload.EMPTY));
        }
    }

    @Nested
    @DisplayName("§5.2 payload length")
    class PayloadLength {

        @Test
        @DisplayName("a 64-bit length with the most significant bit set is a protocol error")
        void mostSignificantBitSet() {
            assertThatThrownBy(() -> parts(new FrameDecoder(), hex("82 7f 80 00 00 00 00 00 00 00"))) // FIN binary, unmasked, 64-bit length with its most significant bit set
                    .isInstanceOfSatisfying(ProtocolViolationException.class, e ->
                            assertThat(e.violation().rule()).isEqualTo(Rule.LENGTH_MOST_SIGNIFICANT_BIT_SET));
        }

        @Test
        @DisplayName("a length that fits 7 bits must not use the 16-bit form")
        void nonMinimal16Bit() {
            assertThatThrownBy(() -> parts(new FrameDecoder(), hex("82 7e 00 7d"))) // FIN binary, unmasked, 16-bit length 125, which fits in 7 bits
                    .isInstanceOfSatisfying(ProtocolViolationException.class, e ->
                            assertThat(e.violation().rule()).isEqualTo(Rule.NON_MINIMAL_LENGTH));
        }

        @Test
        @DisplayName("a length that fits 16 bits must not use the 64-bit form")
        void nonMinimal64Bit() {
            assertThatThrownBy(() -> parts(new FrameDecoder(), hex("82 7f 00 00 00 00 00 00 ff ff"))) // FIN binary, unmasked, 64-bit length 65535, which fits in 16 bits
                    .isInstanceOfSatisfying(ProtocolViolationException.class, e ->
                            assertThat(e.violation().rule()).isEqualTo(Rule.NON_MINIMAL_LENGTH));
        }

        // tag::boundaries[]
        @Test
        void theBoundaryLengthsUseTheirOwnForms() {
            assertThat(parts(new FrameDecoder(), hex("82 7d"))).first() // FIN binary, unmasked, 7-bit length 125
                    .isEqualTo(new FrameHeader(true, false, false, false, 2, false, 0, 125));
            assertThat(parts(new FrameDecoder(), hex("82 7e 00 7e"))).first() // FIN binary, unmasked, 16-bit length 126
                    .isEqualTo(new FrameHeader(true, false, false, false, 2, false, 0, 126));
            assertThat(parts(new FrameDecoder(), hex("82 7e ff ff"))).first() // FIN binary, unmasked, 16-bit length 65535
                    .isEqualTo(new FrameHeader(true, false, false, false, 2, false, 0, 65535));
            assertThat(parts(new FrameDecoder(), hex("82 7f 00 00 00 00 00 01 00 00"))).first() // FIN binary, unmasked, 64-bit length 65536
                    .isEqualTo(new FrameHeader(true, false, false, false, 2, false, 0, 65536));
            assertThat(parts(new FrameDecoder(), hex("82 7f 7f ff ff ff ff ff ff ff"))).first() // FIN binary, unmasked, 64-bit length 2^63-1
                    .isEqualTo(new FrameHeader(true, false, false, false, 2, false, 0, Long.MAX_VALUE));
        }
        // end::boundaries[]

        @Test
        @DisplayName("a header announcing 2^63-1 bytes allocates nothing for them")
        void hugeAnnouncedLengthAllocatesNothing() {
            byte[] header = hex("82 7f 7f ff ff ff ff ff ff ff"); // FIN binary, unmasked, 64-bit length 2^63-1
            long allocated = AllocationMeter.bytesAllocatedBy(() -> {
                FrameDecoder decoder = new FrameDecoder();
                parts(decoder, header);
                parts(decoder, new byte[16]);
            });
            assertThat(allocated).isLessThan(16 * 1024);
        }

        @Test
        void theFrameReaderRefusesAPayloadOverItsLimitBeforeHoldingIt() {
            assertThatThrownBy(() -> new FrameReader(1000).next(ByteBuffer.wrap(hex("82 7f 7f ff ff ff ff ff ff ff")))) // FIN binary, unmasked, 64-bit length 2^63-1
                    .isInstanceOfSatisfying(ProtocolViolationException.class, e ->
                            assertThat(e.violation().rule()).isEqualTo(Rule.MESSAGE_TOO_BIG));
        }

        @Test
        void aFailedDecoderKeepsFailing() {
            FrameDecoder decoder = new FrameDecoder();
            assertThatThrownBy(() -> parts(decoder, hex("82 7e 00 01"))).isInstanceOf(ProtocolViolationException.class); // FIN binary, unmasked, 16-bit length 1, which fits in 7 bits
            assertThatThrownBy(() -> parts(decoder, hex("81 00"))).isInstanceOf(ProtocolViolationException.class); // FIN text, unmasked, empty
        }
    }
}
