package dev.wslab.conformance.catalog;

import static dev.wslab.conformance.catalog.Cases.send;
import static dev.wslab.conformance.catalog.Cases.steps;
import static dev.wslab.conformance.catalog.CompressionBeyondAutobahn.compressed;
import static dev.wslab.conformance.catalog.CompressionBeyondAutobahn.compressedCase;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.Expectation;
import dev.wslab.conformance.Observed;
import dev.wslab.conformance.Step;
import dev.wslab.conformance.catalog.StatedLimits.Limit;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.protocol.frame.Payload;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.Deflater;

/**
 * 14.3, decompression bombs: a few KiB on the wire that inflate past the server's message limit. A server
 * must count inflated bytes while it inflates and fail with 1009 once its limit is crossed (python-websockets
 * CVE-2018-1000518), and still serve others: the run checks a fresh connection after each. The limit is the
 * server's (RFC 6455 §10.4), so a server that inflates it all is UNSAFE, never FAILED, as in the probes; a
 * limit stated with {@code --expect-max-message} (with {@code --probes}) sizes the bombs 64 KiB above it.
 */
final class DeflateBombs {

    /** The assumed limit is below this, as probe 20.19 assumes; the bombs inflate 64 KiB past it. */
    static final long ASSUMED = 64L << 20;
    /** The first message of 14.3.3, which fills the window the bomb then refers to. */
    static final int PRIMER = 32 << 10;

    /** The bombs made so far, by inflated size: deflating 64 MiB takes a moment, so each is made once. */
    private static final Map<Long, Bombs> MADE = new ConcurrentHashMap<>();

    private DeflateBombs() {
    }

    static List<ConformanceCase> cases(StatedLimits limits) {
        long inflated = switch (limits.maxMessage()) {
            case Limit.AtMost<Long> stated when stated.value() > 1L << 30 -> throw new IllegalArgumentException(
                    "a stated message limit above 1 GiB cannot be probed: " + ProbeCommon.size(stated.value()));
            case Limit.AtMost<Long> stated -> stated.value() + (64 << 10);
            default -> ASSUMED + (64 << 10);
        };
        Bombs bombs = MADE.computeIfAbsent(inflated, Bombs::new);
        String assumed = switch (limits.maxMessage()) {
            case Limit.Unstated<Long> unstated -> "below " + ProbeCommon.size(ASSUMED) + " (as probe 20.19)";
            case Limit.None<Long> none -> "none, as stated: what the server does is recorded";
            case Limit.AtMost<Long> stated -> "as stated, " + ProbeCommon.size(stated.value());
        };
        boolean recorded = limits.maxMessage() instanceof Limit.None;
        String expect = (recorded ? ": recorded, and a fresh connection served afterwards."
                : ": expect 1009 (or 1008), or the connection dropped, once the server's limit is crossed while it"
                + " inflates, and a fresh connection served afterwards.") + ProbePolicy.MAX_MESSAGE.assumed(assumed)
                + " (The option applies with --probes.)";
        String what = "inflates to 64 KiB more than " + ProbeCommon.size(inflated - (64 << 10));
        List<ConformanceCase> cases = new ArrayList<>();
        cases.add(compressedCase("14.3.1", "Send one compressed binary frame of " + ProbeCommon.size(bombs.zeros.length)
                        + " that " + what + " of zeros" + expect, "10.4", CompressionBeyondAutobahn.PLAIN_OFFER,
                steps(send(compressed(Opcode.BINARY, bombs.zeros))), expectation(recorded, List.of()), 3));
        // Thousands of fragments where the bomb is large enough: 16 bytes each, fewer for a small stated limit.
        int fragmentSize = Math.max(1, Math.min(16, bombs.zeros.length / 4096));
        List<Frame> fragments = Cases.fragments(Opcode.BINARY, bombs.zeros, fragmentSize);
        fragments.set(0, fragments.get(0).withReservedBits(true, false, false));
        cases.add(compressedCase("14.3.2", "Send the same " + ProbeCommon.size(bombs.zeros.length) + ", which " + what
                        + ", in " + ProbeCommon.count(fragments.size()) + " fragments of " + fragmentSize + " bytes (RSV1 on"
                        + " the first)" + expect, "5.4, 10.4",
                CompressionBeyondAutobahn.PLAIN_OFFER, steps(new Step.Send(fragments, Step.Writing.WHOLE)),
                expectation(recorded, List.of()), 3));
        byte[] primer = new byte[PRIMER];
        Arrays.fill(primer, (byte) 'a');
        cases.add(compressedCase("14.3.3", "Offer permessage-deflate with context takeover; send "
                        + ProbeCommon.size(PRIMER) + " of 'a' compressed (expect its echo), then a "
                        + ProbeCommon.size(bombs.afterPrimer.length) + " message that refers back into that window (RFC 7692"
                        + " §7.2.2: the server MUST decompress it with the window of the last message) and " + what + expect,
                "10.4", CompressionBeyondAutobahn.PLAIN_OFFER,
                steps(send(compressed(Opcode.BINARY, bombs.primer)), send(compressed(Opcode.BINARY, bombs.afterPrimer))),
                expectation(recorded, List.of(Observed.binary(Payload.of(primer)))), 3));
        return cases;
    }

    private static Expectation expectation(boolean recorded, List<Observed> before) {
        return recorded ? Expectation.informational(Expectation.AfterSteps.WAIT_FOR_SERVER_TO_CLOSE)
                : CompressionBeyondAutobahn.closesAfter(before, 1009, 1008);
    }

    /** The bombs' compressed payloads for one inflated size. */
    private static final class Bombs {
        /** The inflated size of zero bytes, compressed on a fresh context, the tail removed (RFC 7692 §7.2.1). */
        final byte[] zeros;
        /** PRIMER bytes of 'a', on a fresh context. */
        final byte[] primer;
        /** The inflated size of 'a', compressed after the primer, context taken over. */
        final byte[] afterPrimer;

        Bombs(long inflated) {
            Deflater fresh = new Deflater(Deflater.BEST_COMPRESSION, true);
            try {
                zeros = message(fresh, (byte) 0, inflated);
            } finally {
                fresh.end();
            }
            Deflater takeover = new Deflater(Deflater.BEST_COMPRESSION, true);
            try {
                primer = message(takeover, (byte) 'a', PRIMER);
                afterPrimer = message(takeover, (byte) 'a', inflated);
            } finally {
                takeover.end();
            }
        }

        /** Compresses {@code length} copies of {@code b} as one message: a sync flush, then the tail removed. */
        private static byte[] message(Deflater deflater, byte b, long length) {
            byte[] chunk = new byte[64 << 10];
            Arrays.fill(chunk, b);
            byte[] out = new byte[64 << 10];
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            for (long left = length; left > 0; left -= chunk.length) {
                deflater.setInput(chunk, 0, (int) Math.min(chunk.length, left));
                while (!deflater.needsInput()) {
                    compressed.write(out, 0, deflater.deflate(out, 0, out.length, Deflater.NO_FLUSH));
                }
            }
            int written;
            do {
                written = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
                compressed.write(out, 0, written);
            } while (written == out.length);
            byte[] bytes = compressed.toByteArray();
            return Arrays.copyOf(bytes, bytes.length - 4); // 00 00 ff ff, the sync flush's tail
        }
    }
}
