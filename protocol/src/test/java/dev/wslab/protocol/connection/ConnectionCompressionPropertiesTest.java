package dev.wslab.protocol.connection;

import dev.wslab.protocol.Limits;
import dev.wslab.protocol.Role;
import dev.wslab.protocol.deflate.AgreedDeflate;
import dev.wslab.protocol.deflate.ContextTakeover;
import dev.wslab.protocol.deflate.DeflateAgreement;
import dev.wslab.protocol.deflate.DeflateOptions;
import dev.wslab.protocol.deflate.DirectionSettings;
import dev.wslab.protocol.deflate.MessageDeflater;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.MaskingKeySource;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.protocol.frame.Payload;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

/**
 * Properties of compressed conversations (RFC 7692): whatever the messages, however their compressed payloads
 * are cut into fragments, and with or without context takeover, a connection reads back what was sent.
 * A failure prints the smallest example QuickTheories could shrink it to; rerun with {@code -DQT_SEED=<seed>}.
 */
@DisplayName("Connection properties with permessage-deflate")
class ConnectionCompressionPropertiesTest {

    @Test
    @DisplayName("compressed messages cut into any fragments read back as sent, context kept or reset")
    void compressedMessagesInAnyFragmentsReadBackAsSent() {
        // Few letters, so that the messages repeat themselves and DEFLATE finds back-references.
        Gen<List<String>> messages = lists().of(strings().betweenCodePoints('a', 'e').ofLengthBetween(0, 2_000))
                .ofSizeBetween(1, 6);
        Gen<List<Integer>> cuts = lists().of(integers().between(1, 600)).ofSizeBetween(0, 6);
        Gen<ContextTakeover> contexts = arbitrary().enumValues(ContextTakeover.class);
        qt().withExamples(200).forAll(messages, cuts, contexts).checkAssert((texts, cutPoints, context) -> {
            DirectionSettings settings = new DirectionSettings(context, DirectionSettings.MAX_WINDOW_BITS);
            AgreedDeflate agreed = new AgreedDeflate(new DeflateAgreement(settings, settings), DeflateOptions.DEFAULTS);
            Connection server = Connection.open(Role.SERVER, Limits.DEFAULTS, MaskingKeySource.fixed(0), agreed);
            List<Frame> frames = new ArrayList<>();
            List<Event> expected = new ArrayList<>();
            try (MessageDeflater clientDeflater = new MessageDeflater(settings, -1)) {
                for (String text : texts) {
                    frames.addAll(fragments(clientDeflater.compress(Payload.utf8(text).toByteArray()), cutPoints));
                    expected.add(new Event.TextMessage(text));
                }
            }
            server.receive(Peer.of(server).send(frames.toArray(Frame[]::new)));
            assertThat(server.takeEvents()).isEqualTo(expected);
        });
    }

    /** The compressed payload as a TEXT frame with RSV1 and continuations, cut at {@code cutPoints}. */
    private static List<Frame> fragments(byte[] payload, List<Integer> cutPoints) {
        TreeSet<Integer> cuts = new TreeSet<>();
        cutPoints.stream().filter(cut -> cut < payload.length).forEach(cuts::add);
        cuts.add(payload.length);
        List<Frame> frames = new ArrayList<>();
        int start = 0;
        for (int end : cuts) {
            Payload piece = Payload.of(Arrays.copyOfRange(payload, start, end));
            boolean last = end == payload.length;
            frames.add(start == 0 ? Frame.of(Opcode.TEXT, piece).withFin(last).withReservedBits(true, false, false)
                    : Frame.continuation(piece, last));
            start = end;
        }
        return frames;
    }
}
