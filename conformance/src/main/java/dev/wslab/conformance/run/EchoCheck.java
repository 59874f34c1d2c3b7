package dev.wslab.conformance.run;

import dev.wslab.conformance.Observed;
import dev.wslab.conformance.deflate.CompressedEchoes;
import dev.wslab.conformance.deflate.DataSet;
import dev.wslab.protocol.frame.Payload;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Optional;

/**
 * EchoCheck compares an echo with the message it answers, as Autobahn's sections 12 and 13 do: its type
 * (text or binary), its length and its content, read straight from the data set, without copying either.
 */
final class EchoCheck {

    /** How many bytes a difference shows of each side. */
    private static final int PREVIEW = 8;

    private EchoCheck() {
    }

    /** Returns how the echo differs from message {@code index} of {@code echoes}; empty when it is the same. */
    static Optional<String> difference(CompressedEchoes echoes, int index, Observed echo) {
        boolean text = echoes.data().kind() == DataSet.MessageKind.TEXT;
        Payload bytes = switch (echo) {
            case Observed.Text t -> t.bytes();
            case Observed.Binary b -> b.bytes();
            default -> throw new IllegalArgumentException("not a message: " + echo);
        };
        String expected = (text ? "text" : "binary") + " of " + echoes.messageSize() + " bytes";
        if (text != echo instanceof Observed.Text || bytes.length() != echoes.messageSize()) {
            return Optional.of("expected " + expected + ", observed " + (echo instanceof Observed.Text ? "text" : "binary")
                    + " of " + bytes.length() + " bytes");
        }
        ByteBuffer observed = bytes.asReadOnlyBuffer();
        byte[] data = echoes.data().bytes();
        int from = (int) ((long) index * echoes.messageSize() % data.length);
        int checked = 0;
        while (checked < echoes.messageSize()) {
            // a message wraps around at the end of the data set: compare it run by run
            int run = Math.min(echoes.messageSize() - checked, data.length - from);
            int mismatch = observed.slice(checked, run).mismatch(ByteBuffer.wrap(data, from, run));
            if (mismatch >= 0) {
                int at = checked + mismatch;
                return Optional.of(expected + " as expected, but they differ from byte " + at + " on: expected "
                        + preview(echoes.message(index), at) + ", observed " + preview(bytes.toByteArray(), at));
            }
            checked += run;
            from = 0;
        }
        return Optional.empty();
    }

    private static String preview(byte[] bytes, int at) {
        int end = Math.min(bytes.length, at + PREVIEW);
        return HexFormat.ofDelimiter(" ").formatHex(bytes, at, end) + (end < bytes.length ? " ..." : "");
    }
}
