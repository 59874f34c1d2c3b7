package dev.wslab.conformance.catalog;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.Expectation;
import dev.wslab.conformance.Expectation.CloseExpectation;
import dev.wslab.conformance.HandshakeCheck.Answer;
import dev.wslab.conformance.Step;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.FrameEncoder;
import dev.wslab.protocol.frame.FrameHeader;
import dev.wslab.protocol.frame.Payload;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.wslab.conformance.catalog.Cases.*;

/**
 * Section 20, robustness probes: abuse a server must survive (huge heads, header floods, memory bombs in
 * frame headers, unmasked frames). Case 20.N is probe RC-N of the project's security research; after
 * each, the {@code ProbeRunner} checks that the server still serves a fresh connection.
 */
public final class RobustnessProbes {

    private static final String SECTION = "Robustness";
    private static final int KEY = 0x1b2c3d4e;

    private RobustnessProbes() {
    }

    /** Returns the probes, in order. */
    public static List<ConformanceCase> cases() {
        List<ConformanceCase> cases = new ArrayList<>();
        cases.add(OpeningHandshake.check("20.1", "has a request line with a 64 KiB path (an 8 KiB line limit is common)",
                "4.2.1, 10.4", head -> head.replaceFirst("^GET /", "GET /" + "a".repeat(64 * 1024)), Answer.REJECT_OR_CLOSE));
        cases.add(OpeningHandshake.check("20.2", "carries one 1 MiB header value (CVE-2023-43669: minutes of CPU per request)",
                "4.2.1, 10.4", OpeningHandshake.addHeader("X-Pad: " + "p".repeat(1 << 20)), Answer.REJECT_OR_CLOSE));
        cases.add(OpeningHandshake.check("20.3", "carries 10,000 distinct short headers (CVE-2024-37890: silent truncation)",
                "4.2.1, 10.4", OpeningHandshake.addHeader(manyHeaders(10_000)), Answer.REJECT_OR_CLOSE));
        cases.add(OpeningHandshake.check("20.7", "offers Sec-WebSocket-Protocol: b, 50,000 spaces, x (CVE-2021-32640: a regex"
                        + " that backtracks)", "4.2.1, 10.4",
                OpeningHandshake.addHeader("Sec-WebSocket-Protocol: b" + " ".repeat(50_000) + "x"), Answer.ANY_ANSWER));
        cases.add(testCase("20.15", SECTION, "Send a binary frame header announcing 2^63-1 bytes and 16 of them, then stall:"
                        + " expect 1009 or 1002, or the server to wait; never an allocation from the announced length"
                        + " (the liveness check afterwards).", "5.2, 10.4",
                steps(raw(concat(header(0x2, Long.MAX_VALUE), new byte[16]))),
                closeWith(false, 1009, 1002), 2));
        cases.add(testCase("20.16", SECTION, "Send a frame whose 64-bit length has its most significant bit set"
                        + " (Tomcat CVE-2020-13935: an infinite loop); expect 1002.", "5.2",
                steps(raw(headerWithMsb())), closeWith(true, 1002), 2));
        byte[] ping = FrameEncoder.encode(Frame.ping(Payload.utf8("desync")).maskedWith(KEY));
        cases.add(testCase("20.17", SECTION, "Send a text frame announcing 2^32+5 bytes, 'hello', then the bytes of a Ping:"
                        + " those bytes are payload, not a frame (32-bit truncation bugs); expect no Pong and no echo.",
                "5.2", steps(raw(concat(header(0x1, (1L << 32) + 5), maskedText("hello", 0), ping))),
                closeWith(false, 1009), 2));
        byte[] nonMinimal = concat(new byte[] {(byte) 0x81, (byte) (0x80 | 126), 0x00, 0x05}, key(),
                maskedText("hello", 0));
        cases.add(testCase("20.18", SECTION, "Send 'hello' with its length in the 16-bit form (§5.2: the minimal form"
                        + " MUST be used): a strict server fails with 1002, a lenient one echoes; informational.", "5.2",
                steps(raw(nonMinimal)), Expectation.informational(Expectation.AfterSteps.WAIT_FOR_SERVER_TO_CLOSE), 2));
        byte[] emptyContinuations = new byte[6 * 100_000];
        for (int i = 0; i < 100_000; i++) {
            byte[] frame = FrameEncoder.encode(Frame.continuation(Payload.EMPTY, false).maskedWith(KEY));
            System.arraycopy(frame, 0, emptyContinuations, i * frame.length, frame.length);
        }
        cases.add(testCase("20.21", SECTION, "Send a non-final text frame, then 100,000 empty non-final continuations and"
                        + " never the end (ws #2329, HTTP/2 CVE-2019-9518): the server may wait or close (1008, 1009);"
                        + " it must still serve others (the liveness check) - informational otherwise.", "5.4, 10.4",
                steps(send(notFinal(text("start"))), raw(emptyContinuations)),
                Expectation.informational(Expectation.AfterSteps.WAIT_FOR_SERVER_TO_CLOSE), 2));
        cases.add(testCase("20.24", SECTION, "Send an unmasked text frame, then a Ping: a server MUST close on an unmasked"
                        + " frame (§5.1) and MUST NOT answer the Ping after failing (§7.1.7).", "5.1, 7.1.7",
                steps(raw(concat(FrameEncoder.encode(Frame.text("unmasked")), ping))), closeWith(true, 1002), 2));
        cases.add(testCase("20.27", SECTION, "Send a frame with the reserved opcode 0x3 announcing a 1 GiB payload and"
                        + " 1 KiB of it (Jetty CVE-2026-19204): the opcode is refused at the header, 1002, nothing buffered.",
                "5.2", steps(raw(concat(header(0x3, 1L << 30), new byte[1024]))), closeWith(true, 1002), 2));
        byte[] fragment = new byte[64 * 1024];
        java.util.Arrays.fill(fragment, (byte) 'a');
        byte[] bad = fragment.clone();
        bad[1000] = (byte) 0xC0; // can never start valid UTF-8
        cases.add(testCase("20.29", SECTION, "Send a 10 x 64 KiB text message whose 2nd fragment holds an invalid byte,"
                        + " pausing after each fragment: expect 1007 before the 3rd fragment is sent (marker B).", "8.1",
                steps(send(notFinal(Frame.of(dev.wslab.protocol.frame.Opcode.TEXT, Payload.of(fragment)))), marker("A"),
                        send(Frame.continuation(Payload.of(bad), false)), pause(1), marker("B"),
                        send(Frame.continuation(Payload.of(fragment), true))),
                Expectation.fails(1007, new dev.wslab.conformance.Observed.Marker("A")), 2));
        return cases;
    }

    /** The server closes with one of {@code codes} (or drops TCP); when {@code mustClose}, it may not just wait. */
    private static Expectation closeWith(boolean mustClose, Integer... codes) {
        return new Expectation(List.of(), List.of(), Optional.empty(), false, Expectation.AfterSteps.WAIT_FOR_SERVER_TO_CLOSE,
                new CloseExpectation(Set.of(codes), true, false, mustClose, false));
    }

    private static Step raw(byte[] bytes) {
        return new Step.SendRaw(Payload.of(bytes), Step.Writing.WHOLE);
    }

    /** A masked frame header announcing {@code length} payload bytes. */
    private static byte[] header(int opcode, long length) {
        return FrameEncoder.encodeHeader(new FrameHeader(true, false, false, false, opcode, true, KEY, length));
    }

    private static byte[] headerWithMsb() {
        return concat(new byte[] {(byte) 0x82, (byte) (0x80 | 127), (byte) 0x80, 0, 0, 0, 0, 0, 0, 0}, key());
    }

    private static byte[] key() {
        return new byte[] {(byte) (KEY >>> 24), (byte) (KEY >>> 16), (byte) (KEY >>> 8), (byte) KEY};
    }

    /** {@code text} masked with {@link #KEY} as the payload starting at {@code offset} of a frame. */
    private static byte[] maskedText(String text, long offset) {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        dev.wslab.protocol.frame.Masking.apply(bytes, 0, bytes.length, KEY, offset);
        return bytes;
    }

    private static String manyHeaders(int count) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < count; i++) {
            lines.append(i == 0 ? "" : "\r\n").append("X-H").append(i).append(": ").append(i);
        }
        return lines.toString();
    }
}
