package dev.wslab.conformance.catalog;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.Step;
import dev.wslab.conformance.catalog.StatedLimits.Limit;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.FrameEncoder;
import dev.wslab.protocol.frame.FrameHeader;
import dev.wslab.protocol.frame.Payload;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static dev.wslab.conformance.catalog.Cases.*;

/**
 * What the robustness probes of section 20 share: their section, masking key, crowd size, and the words and
 * bytes they build their steps from.
 */
final class ProbeCommon {

    private ProbeCommon() {
    }

    static final String SECTION = "Robustness";

    static final int KEY = 0x1b2c3d4e;

    /** The most connections a probe holds at once: enough to exhaust a thread-per-connection pool of 64. */
    static final int CROWD = 64;

    /** A masked Ping, "desync". */
    static final byte[] PING = FrameEncoder.encode(Frame.ping(Payload.utf8("desync")).maskedWith(KEY));

    /** The close codes that tell a stalled or silent peer it was dropped: any that ends a connection. */
    static final Integer[] DROPPED = {1000, 1001, 1002, 1008, 1009, 1011};

    static ConformanceCase withDescription(ConformanceCase c, String description) {
        return new ConformanceCase(c.id(), c.section(), description, c.rfcSections(), c.steps(), c.expectation(),
                c.deadline(), c.deviation(), c.handshake(), c.offer());
    }

    /** How long a probe waits for a server's timeout: the assumed one, or the stated one and half as long again. */
    static Duration patience(Limit<Duration> stated, Duration assumed) {
        return switch (stated) {
            case Limit.Unstated<Duration> unstated -> assumed;
            // Nothing to wait for: the probe records that the connection stays open.
            case Limit.None<Duration> none -> Duration.ofSeconds(2);
            case Limit.AtMost<Duration> timeout -> timeout.value().plus(
                    max(timeout.value().dividedBy(2), Duration.ofSeconds(1)));
        };
    }

    static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    static String timeout(Limit<Duration> stated, Duration patience) {
        return switch (stated) {
            case Limit.Unstated<Duration> unstated -> "at most " + seconds(patience);
            case Limit.None<Duration> none -> "none, as stated: the probe records that the connection stays open";
            case Limit.AtMost<Duration> timeout -> "as stated, " + seconds(timeout.value()) + " (the probe waits "
                    + seconds(patience) + ")";
        };
    }

    static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /** A size in words: 16 MiB, 64 KiB, or 1,234 bytes. */
    static String size(long bytes) {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        return bytes >= 1 << 10 && bytes % (1 << 10) == 0 ? (bytes >> 10) + " KiB" : count(bytes) + " bytes";
    }

    static String count(long amount) {
        return String.format(java.util.Locale.ROOT, "%,d", amount);
    }

    static Step raw(byte[] bytes) {
        return new Step.SendRaw(Payload.of(bytes), Step.Writing.WHOLE);
    }

    /** A masked frame header announcing {@code length} payload bytes. */
    static byte[] header(int opcode, long length) {
        return FrameEncoder.encodeHeader(new FrameHeader(true, false, false, false, opcode, true, KEY, length));
    }

    static byte[] headerWithMsb() {
        return concat(new byte[] {(byte) 0x82, (byte) (0x80 | 127), (byte) 0x80, 0, 0, 0, 0, 0, 0, 0}, key());
    }

    static byte[] key() {
        return new byte[] {(byte) (KEY >>> 24), (byte) (KEY >>> 16), (byte) (KEY >>> 8), (byte) KEY};
    }

    /** {@code text} masked with {@link #KEY} as the payload starting at {@code offset} of a frame. */
    static byte[] maskedText(String text, long offset) {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        dev.wslab.protocol.frame.Masking.apply(bytes, 0, bytes.length, KEY, offset);
        return bytes;
    }
}
