package dev.wslab.conformance.catalog;

import static dev.wslab.conformance.catalog.Cases.send;
import static dev.wslab.conformance.catalog.Cases.steps;
import static dev.wslab.conformance.catalog.CompressionBeyondAutobahn.compressed;
import static dev.wslab.conformance.catalog.CompressionBeyondAutobahn.compressedCase;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.Expectation;
import dev.wslab.conformance.Observed;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.protocol.frame.Payload;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;

/**
 * 14.3, decompression bombs: a few KiB on the wire that inflate past any sensible message limit. A server
 * must count inflated bytes while it inflates and fail with 1009 once its limit is crossed (python-websockets
 * CVE-2018-1000518), and still serve others: the run checks a fresh connection after each. The limit is the
 * server's (RFC 6455 §10.4), so a server that inflates it all is UNSAFE, never FAILED, as in the probes.
 */
final class DeflateBombs {

    /** The inflated size: 64 KiB over the 64 MiB the probes assume a limit is below (20.19). */
    static final int INFLATED = (64 << 20) + (64 << 10);
    /** The first message of 14.3.3, which fills the window the bomb then refers to. */
    static final int PRIMER = 32 << 10;

    private DeflateBombs() {
    }

    static List<ConformanceCase> cases() {
        Bombs bombs = Bombs.INSTANCE;
        String expect = ": expect 1009 (or 1008), or the connection dropped, once the server's limit is crossed while"
                + " it inflates, and a fresh connection served afterwards."
                + ProbePolicy.MAX_MESSAGE.assumed("below 64 MiB (as probe 20.19)");
        List<ConformanceCase> cases = new ArrayList<>();
        cases.add(compressedCase("14.3.1", "Send one compressed binary frame of " + size(bombs.zeros.length)
                        + " that inflates to 64 MiB and 64 KiB of zeros" + expect, "10.4", CompressionBeyondAutobahn.PLAIN_OFFER,
                steps(send(compressed(Opcode.BINARY, bombs.zeros))), Expectation.closes(Expectation.Closer.SERVER, 1009, 1008), 3));
        List<Frame> fragments = Cases.fragments(Opcode.BINARY, bombs.zeros, 16);
        fragments.set(0, fragments.get(0).withReservedBits(true, false, false));
        cases.add(compressedCase("14.3.2", "Send the same " + size(bombs.zeros.length) + " in " + fragments.size()
                        + " fragments of 16 bytes (RSV1 on the first)" + expect, "5.4, 10.4",
                CompressionBeyondAutobahn.PLAIN_OFFER, steps(new dev.wslab.conformance.Step.Send(fragments,
                        dev.wslab.conformance.Step.Writing.WHOLE)), Expectation.closes(Expectation.Closer.SERVER, 1009, 1008), 3));
        byte[] primer = new byte[PRIMER];
        Arrays.fill(primer, (byte) 'a');
        cases.add(compressedCase("14.3.3", "Offer permessage-deflate with context takeover; send " + size(PRIMER)
                        + " of 'a' compressed (expect its echo), then a " + size(bombs.afterPrimer.length) + " message that"
                        + " refers back into that window (RFC 7692 §7.2.2: the server MUST decompress it with the window"
                        + " of the last message) and inflates to 64 MiB and 64 KiB" + expect, "10.4",
                CompressionBeyondAutobahn.PLAIN_OFFER,
                steps(send(compressed(Opcode.BINARY, bombs.primer)), send(compressed(Opcode.BINARY, bombs.afterPrimer))),
                CompressionBeyondAutobahn.closesAfter(List.of(Observed.binary(Payload.of(primer))), 1009, 1008), 3));
        return cases;
    }

    private static String size(int bytes) {
        return bytes < 1 << 20 ? String.format(java.util.Locale.ROOT, "%,d bytes", bytes) : (bytes >> 20) + " MiB";
    }

    /** The bombs' compressed payloads, made once: deflating 64 MiB takes a moment. */
    private static final class Bombs {
        static final Bombs INSTANCE = new Bombs();

        /** INFLATED zero bytes, compressed on a fresh context, the tail removed (RFC 7692 §7.2.1). */
        final byte[] zeros;
        /** PRIMER bytes of 'a', on a fresh context. */
        final byte[] primer;
        /** INFLATED bytes of 'a', compressed after the primer, context taken over. */
        final byte[] afterPrimer;

        private Bombs() {
            Deflater fresh = new Deflater(Deflater.BEST_COMPRESSION, true);
            try {
                zeros = message(fresh, (byte) 0, INFLATED);
            } finally {
                fresh.end();
            }
            Deflater takeover = new Deflater(Deflater.BEST_COMPRESSION, true);
            try {
                primer = message(takeover, (byte) 'a', PRIMER);
                afterPrimer = message(takeover, (byte) 'a', INFLATED);
            } finally {
                takeover.end();
            }
        }

        /** Compresses {@code length} copies of {@code b} as one message: a sync flush, then the tail removed. */
        private static byte[] message(Deflater deflater, byte b, int length) {
            byte[] chunk = new byte[64 << 10];
            Arrays.fill(chunk, b);
            byte[] out = new byte[64 << 10];
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            for (int left = length; left > 0; left -= chunk.length) {
                deflater.setInput(chunk, 0, Math.min(chunk.length, left));
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
