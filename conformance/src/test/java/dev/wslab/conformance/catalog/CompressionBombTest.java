package dev.wslab.conformance.catalog;

import dev.wslab.conformance.catalog.CompressionBomb.Opening;
import dev.wslab.protocol.deflate.DirectionSettings;
import dev.wslab.protocol.deflate.Inflated;
import dev.wslab.protocol.deflate.MessageInflater;
import dev.wslab.protocol.deflate.MessageInflater.FramePosition;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("CompressionBomb: a hand-written DEFLATE block that inflates 1,032 times its size")
class CompressionBombTest {

    /** RFC 7692 §7.2.2: the receiver appends 00 00 ff ff (an empty stored block's LEN and NLEN) to a message. */
    private static final byte[] TAIL = {0x00, 0x00, (byte) 0xff, (byte) 0xff};

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 1000, 1 << 20, (2 << 20) + 12345})
    void inflates_past_the_size_asked_for_exactly_to_its_stated_size_and_all_as(long atLeast) throws Exception {
        CompressionBomb bomb = CompressionBomb.inflatingPast(atLeast, Opening.LITERAL);

        byte[] inflated = inflate(new Inflater(true), bomb.payload());

        assertThat((long) inflated.length).isEqualTo(bomb.inflatedSize()).isGreaterThan(atLeast);
        assertThat(inflated).containsOnly((byte) 'a');
        // DEFLATE's best: a body byte is four matches of 258 bytes; the header is 22 bytes, the end 1 or 2
        assertThat(bomb.wireSize()).isLessThanOrEqualTo(atLeast / CompressionBomb.PER_ZERO_BYTE + 30);
    }

    @Test
    void its_body_is_zero_bytes_so_that_any_cut_of_it_is_a_valid_continuation() throws Exception {
        CompressionBomb bomb = CompressionBomb.inflatingPast(1 << 20, Opening.LITERAL);
        byte[] payload = bomb.payload();

        assertThat(Arrays.copyOfRange(payload, bomb.start().length, bomb.start().length + bomb.zeroBytes()))
                .containsOnly((byte) 0);
        // one byte at a time, as the fragment flood sends it
        Inflater inflater = new Inflater(true);
        long total = 0;
        byte[] out = new byte[64 * 1024];
        for (int i = 0; i < payload.length; i++) {
            inflater.setInput(payload, i, 1);
            total += drain(inflater, out);
        }
        inflater.setInput(TAIL);
        total += drain(inflater, out);
        assertThat(total).isEqualTo(bomb.inflatedSize());
        assertThat(inflater.finished()).as("the message ends in a non-final block").isFalse();
    }

    @Test
    void the_bomb_from_the_window_copies_the_message_before_and_needs_it() throws Exception {
        byte[] primer = CompressionBomb.primer().toByteArray();
        CompressionBomb bomb = CompressionBomb.inflatingPast(1 << 20, Opening.FROM_WINDOW);
        Inflater withContext = new Inflater(true);

        assertThat(inflate(withContext, compressed(primer))).isEqualTo(primer);
        byte[] inflated = inflate(withContext, bomb.payload());

        assertThat((long) inflated.length).isEqualTo(bomb.inflatedSize()).isGreaterThan(1 << 20);
        assertThat(Arrays.copyOf(inflated, CompressionBomb.MATCH)).isEqualTo(Arrays.copyOf(primer, CompressionBomb.MATCH));
        // without the context taken over, the first match reaches back before the start of the stream
        assertThatThrownBy(() -> inflate(new Inflater(true), bomb.payload())).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("distance too far back");
    }

    @Test
    void the_core_stops_it_at_the_limit_before_inflating_the_rest() {
        CompressionBomb bomb = CompressionBomb.inflatingPast(64 << 20, Opening.LITERAL);
        MessageInflater inflater = new MessageInflater(DirectionSettings.DEFAULT);

        Inflated result = inflater.inflate(bomb.payload(), FramePosition.LAST_FRAME, 1 << 20);

        assertThat(result).isEqualTo(new Inflated.TooBig(1 << 20));
        inflater.close();
    }

    private static byte[] compressed(byte[] message) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(message);
        byte[] out = new byte[message.length + 64];
        int length = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
        deflater.end();
        return Arrays.copyOf(out, length - TAIL.length); // RFC 7692 §7.2.1: the tail removed
    }

    private static byte[] inflate(Inflater inflater, byte[] payload) throws DataFormatException {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        byte[] out = new byte[64 * 1024];
        for (byte[] input : new byte[][] {payload, TAIL}) {
            inflater.setInput(input);
            while (true) {
                int n = inflater.inflate(out);
                all.write(out, 0, n);
                if (n == 0 && (inflater.needsInput() || inflater.finished())) {
                    break;
                }
            }
        }
        return all.toByteArray();
    }

    private static long drain(Inflater inflater, byte[] out) throws DataFormatException {
        long total = 0;
        while (true) {
            int n = inflater.inflate(out);
            total += n;
            if (n == 0 && inflater.needsInput()) {
                return total;
            }
        }
    }
}
