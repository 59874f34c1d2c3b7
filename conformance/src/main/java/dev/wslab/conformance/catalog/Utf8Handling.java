package dev.wslab.conformance.catalog;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.Expectation;
import dev.wslab.conformance.Observed;
import dev.wslab.conformance.Step;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.FrameEncoder;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.protocol.frame.Payload;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.wslab.conformance.catalog.Cases.*;

/**
 * Section 6, UTF-8 handling (§5.6, §8.1): a text message MUST be valid UTF-8, and an endpoint that receives
 * invalid UTF-8 MUST fail the connection with 1007, as soon as the invalid byte arrives.
 *
 * <p>Whether each byte sequence below is valid is stated by the table (the RFC 3629 grammar); a test
 * checks every statement against the JDK's strict UTF-8 decoder, so the catalog cannot drift from it.
 */
final class Utf8Handling {

    private static final String SECTION = "UTF-8 Handling";
    private static final String KOSME = "\u03ba\u1f79\u03c3\u03bc\u03b5"; // "κόσμε", 11 bytes
    private static final byte[] HELLO_MU = "Hello-\u00b5@\u00df\u00f6\u00e4\u00fc\u00e0\u00e1-UTF-8!!".getBytes(StandardCharsets.UTF_8);
    private static final byte[] INVALID_TEXT = concat(KOSME.getBytes(StandardCharsets.UTF_8), hex("ed a0 80"),
            "edited".getBytes(StandardCharsets.UTF_8));

    /** One generated case: its bytes and whether they are valid UTF-8. */
    record Sequence(String id, String what, byte[] bytes, boolean valid) {
    }

    private Utf8Handling() {
    }

    static List<ConformanceCase> cases() {
        List<ConformanceCase> cases = new ArrayList<>();
        cases.addAll(fragmentedText());
        cases.addAll(failFast());
        for (Sequence sequence : sequences()) {
            cases.add(singleFrame(sequence));
        }
        return cases;
    }

    private static List<ConformanceCase> fragmentedText() {
        List<ConformanceCase> cases = new ArrayList<>();
        cases.add(testCase("6.1.1", SECTION, "Send an empty text message; expect it echoed.", "5.6",
                steps(send(text(""))), Expectation.echo(Observed.text("")), 1));
        cases.add(testCase("6.1.2", SECTION, "Send a text message of three empty fragments; expect one empty message echoed.",
                "5.4, 5.6", steps(send(notFinal(text("")), continuation("", false), continuation("", true))),
                Expectation.echo(Observed.text("")), 1));
        cases.add(testCase("6.1.3", SECTION, "Send a text message of an empty fragment, 'middle frame payload', and an"
                        + " empty final fragment; expect 'middle frame payload' echoed.", "5.4, 5.6",
                steps(send(notFinal(text("")), continuation("middle frame payload", false), continuation("", true))),
                Expectation.echo(Observed.text("middle frame payload")), 1));
        Observed helloEcho = new Observed.Text(Payload.of(HELLO_MU));
        cases.add(testCase("6.2.1", SECTION, "Send valid UTF-8 text (29 bytes) in one frame; expect it echoed.", "5.6, 8.1",
                steps(send(textBytes(HELLO_MU))), Expectation.echo(helloEcho), 1));
        cases.add(testCase("6.2.2", SECTION, "Send the same text in two fragments split between characters; expect it echoed.",
                "5.4, 8.1", steps(send(fragments(Opcode.TEXT, HELLO_MU, 15).toArray(Frame[]::new))), Expectation.echo(helloEcho), 1));
        cases.add(testCase("6.2.3", SECTION, "Send the same text as 29 one-byte fragments, splitting characters; expect it echoed.",
                "5.4, 8.1", steps(send(fragments(Opcode.TEXT, HELLO_MU, 1).toArray(Frame[]::new))), Expectation.echo(helloEcho), 1));
        byte[] kosme = KOSME.getBytes(StandardCharsets.UTF_8);
        cases.add(testCase("6.2.4", SECTION, "Send 'κόσμε' (11 bytes) as one-byte fragments; expect it echoed.", "5.4, 8.1",
                steps(send(fragments(Opcode.TEXT, kosme, 1).toArray(Frame[]::new))), Expectation.echo(new Observed.Text(Payload.of(kosme))), 1));
        cases.add(testCase("6.3.1", SECTION, "Send invalid UTF-8 (a surrogate, ED A0 80, inside 'κόσμε…edited') in one frame;"
                        + " expect the connection failed with 1007.", "8.1",
                steps(send(textBytes(INVALID_TEXT))), Expectation.fails(1007), 1));
        cases.add(testCase("6.3.2", SECTION, "Send the same invalid text as one-byte fragments; expect the connection failed"
                        + " with 1007.", "5.4, 8.1", steps(send(fragments(Opcode.TEXT, INVALID_TEXT, 1).toArray(Frame[]::new))), Expectation.fails(1007), 1));
        return cases;
    }

    /**
     * 6.4: the server must fail as soon as the byte that makes the text invalid arrives, not when the message
     * ends. Marker A is set after the valid part; B after the invalid part; a fail-fast server has closed
     * before B.
     */
    private static List<ConformanceCase> failFast() {
        byte[] kosme = KOSME.getBytes(StandardCharsets.UTF_8);
        byte[] edited = "edited".getBytes(StandardCharsets.UTF_8);
        List<ConformanceCase> cases = new ArrayList<>();
        byte[][] partsFrames1 = {kosme, hex("f4 90 80 80"), edited};
        byte[][] partsFrames2 = {concat(kosme, hex("f4")), hex("90"), concat(hex("80 80"), edited)};
        cases.add(failFastInFrames("6.4.1", partsFrames1, "the second fragment, F4 90 80 80, would be U+110000"));
        cases.add(failFastInFrames("6.4.2", partsFrames2, "the second fragment, 90, makes F4 90 invalid"));
        cases.add(failFastInChops("6.4.3", partsFrames1, "the second piece, F4 90 80 80, would be U+110000"));
        cases.add(failFastInChops("6.4.4", partsFrames2, "the second piece, 90, makes F4 90 invalid"));
        return cases;
    }

    private static ConformanceCase failFastInFrames(String id, byte[][] parts, String why) {
        Frame first = Frame.of(Opcode.TEXT, Payload.of(parts[0])).withFin(false);
        Frame second = Frame.continuation(Payload.of(parts[1]), false);
        Frame third = Frame.continuation(Payload.of(parts[2]), true);
        return testCase(id, SECTION, "Send a text message in three fragments with 1 s pauses: " + why
                        + ". Expect the connection failed with 1007 right after the second fragment (before marker B).",
                "8.1", steps(send(first), pause(1), marker("A"), send(second), pause(1), marker("B"), send(third)),
                Expectation.fails(1007, new Observed.Marker("A")).orNonStrict(new Observed.Marker("A"), new Observed.Marker("B")), 1);
    }

    private static ConformanceCase failFastInChops(String id, byte[][] parts, String why) {
        byte[] payload = concat(parts[0], parts[1], parts[2]);
        // One frame, its header announcing all 21 bytes, written in three pieces: the frame never completes
        // before the invalid byte arrives, so only a validator working on partial frames fails fast.
        byte[] frame = FrameEncoder.encode(Frame.of(Opcode.TEXT, Payload.of(payload)).maskedWith(0x5a5a5a5a));
        int headerLength = frame.length - payload.length;
        int firstEnd = headerLength + parts[0].length;
        int secondEnd = firstEnd + parts[1].length;
        return testCase(id, SECTION, "Send ONE text frame of 21 bytes in three pieces with 1 s pauses: " + why
                        + ". Expect the connection failed with 1007 right after the second piece (before marker B).", "8.1",
                steps(raw(Arrays.copyOfRange(frame, 0, firstEnd)), pause(1), marker("A"),
                        raw(Arrays.copyOfRange(frame, firstEnd, secondEnd)), pause(1), marker("B"),
                        raw(Arrays.copyOfRange(frame, secondEnd, frame.length))),
                Expectation.fails(1007, new Observed.Marker("A")).orNonStrict(new Observed.Marker("A"), new Observed.Marker("B")), 1);
    }

    private static ConformanceCase singleFrame(Sequence sequence) {
        Frame frame = textBytes(sequence.bytes());
        String bytes = java.util.HexFormat.ofDelimiter(" ").formatHex(sequence.bytes());
        return sequence.valid()
                ? testCase(sequence.id(), SECTION, "Send one text frame of valid UTF-8, " + sequence.what() + ": "
                        + bytes + "; expect it echoed byte for byte.", "8.1", steps(send(frame)),
                        Expectation.echo(new Observed.Text(Payload.of(sequence.bytes()))), 0.5)
                : testCase(sequence.id(), SECTION, "Send one text frame of invalid UTF-8, " + sequence.what() + ": "
                        + bytes + "; expect the connection failed with 1007.", "8.1", steps(send(frame)),
                        Expectation.fails(1007), 0.5);
    }

    /** The generated cases 6.5 to 6.23, each a byte sequence that is valid UTF-8 or not. */
    static List<Sequence> sequences() {
        List<Sequence> all = new ArrayList<>();
        group(all, "6.5", "some valid sequences", true, "68 65 6c 6c 6f 24 77 6f 72 6c 64",
                "68 65 6c 6c 6f c2 a2 77 6f 72 6c 64", "68 65 6c 6c 6f e2 82 ac 77 6f 72 6c 64",
                "68 65 6c 6c 6f f0 a4 ad a2 77 6f 72 6c 64", "ce ba e1 bd b9 cf 83 ce bc ce b5");
        byte[] kosme = KOSME.getBytes(StandardCharsets.UTF_8);
        for (int length = 1; length <= kosme.length; length++) {
            boolean valid = length == 2 || length == 5 || length == 7 || length == 9 || length == 11;
            all.add(new Sequence("6.6." + length, "the first " + length + " bytes of 'κόσμε'"
                    + (valid ? "" : ", ending inside a character"), Arrays.copyOf(kosme, length), valid));
        }
        group(all, "6.7", "the first sequence of its length", true, "00", "c2 80", "e0 a0 80", "f0 90 80 80");
        group(all, "6.8", "a 5- or 6-byte form, which UTF-8 no longer has", false, "f8 88 80 80 80", "fc 84 80 80 80 80");
        group(all, "6.9", "the last sequence of its length", true, "7f", "df bf", "ef bf bf", "f4 8f bf bf");
        group(all, "6.10", "beyond U+10FFFF", false, "f7 bf bf bf", "fb bf bf bf bf", "fd bf bf bf bf bf");
        all.add(new Sequence("6.11.1", "U+D7FF, just below the surrogates", hex("ed 9f bf"), true));
        all.add(new Sequence("6.11.2", "U+E000, just above the surrogates", hex("ee 80 80"), true));
        all.add(new Sequence("6.11.3", "U+FFFD", hex("ef bf bd"), true));
        all.add(new Sequence("6.11.4", "U+10FFFF", hex("f4 8f bf bf"), true));
        all.add(new Sequence("6.11.5", "U+110000, beyond the last code point", hex("f4 90 80 80"), false));
        group(all, "6.12", "unexpected continuation bytes", false, "80", "bf", "80 bf", "80 bf 80", "80 bf 80 bf",
                "80 bf 80 bf 80", "80 bf 80 bf 80 bf", rangeHex(0x80, 0xBF, false));
        group(all, "6.13", "lonely start bytes, each followed by a space", false, rangeHex(0xC0, 0xDF, true),
                rangeHex(0xE0, 0xEF, true), rangeHex(0xF0, 0xF7, true), rangeHex(0xF8, 0xFB, true), "fc 20");
        group(all, "6.14", "a sequence missing its last continuation byte", false, "c0", "e0 80", "f0 80 80",
                "f8 80 80 80", "fc 80 80 80 80", "df", "ef bf", "f7 bf bf", "fb bf bf bf", "fd bf bf bf bf");
        group(all, "6.15", "incomplete sequences one after another", false,
                "c0 e0 80 f0 80 80 f8 80 80 80 fc 80 80 80 80 df ef bf f7 bf bf fb bf bf bf fd bf bf bf bf");
        group(all, "6.16", "bytes that never appear in UTF-8", false, "fe", "ff", "fe fe ff ff");
        group(all, "6.17", "an overlong '/'", false, "c0 af", "e0 80 af", "f0 80 80 af", "f8 80 80 80 af", "fc 80 80 80 80 af");
        group(all, "6.18", "the largest overlong sequence of its length", false, "c1 bf", "e0 9f bf", "f0 8f bf bf",
                "f8 87 bf bf bf", "fc 83 bf bf bf bf");
        group(all, "6.19", "an overlong NUL", false, "c0 80", "e0 80 80", "f0 80 80 80", "f8 80 80 80 80", "fc 80 80 80 80 80");
        group(all, "6.20", "a single UTF-16 surrogate", false, "ed a0 80", "ed ad bf", "ed ae 80", "ed af bf", "ed b0 80",
                "ed be 80", "ed bf bf");
        group(all, "6.21", "a pair of UTF-16 surrogates", false, "ed a0 80 ed b0 80", "ed a0 80 ed bf bf",
                "ed ad bf ed b0 80", "ed ad bf ed bf bf", "ed ae 80 ed b0 80", "ed ae 80 ed bf bf", "ed af bf ed b0 80",
                "ed af bf ed bf bf");
        List<String> nonCharacters = new ArrayList<>(List.of("ef bf be", "ef bf bf"));
        for (int plane = 1; plane <= 16; plane++) {
            for (int last : new int[] {0xFFFE, 0xFFFF}) {
                nonCharacters.add(java.util.HexFormat.ofDelimiter(" ").formatHex(
                        new String(Character.toChars(plane * 0x10000 + last)).getBytes(StandardCharsets.UTF_8)));
            }
        }
        group(all, "6.22", "a non-character, which is still valid UTF-8", true, nonCharacters.toArray(String[]::new));
        group(all, "6.23", "a Unicode special", true, "ef bf b9", "ef bf ba", "ef bf bb", "ef bf bc", "ef bf bd",
                "ef bf be", "ef bf bf");
        return all;
    }

    private static void group(List<Sequence> all, String prefix, String what, boolean valid, String... hexBytes) {
        for (int i = 0; i < hexBytes.length; i++) {
            all.add(new Sequence(prefix + "." + (i + 1), what, hex(hexBytes[i]), valid));
        }
    }

    /** Bytes {@code from} up to (not including) {@code to}, each followed by a space if asked. */
    private static String rangeHex(int from, int to, boolean withSpaces) {
        StringBuilder hex = new StringBuilder();
        for (int b = from; b < to; b++) {
            hex.append(hex.isEmpty() ? "" : " ").append(String.format("%02x", b)).append(withSpaces ? " 20" : "");
        }
        return hex.toString();
    }

    private static Step raw(byte[] bytes) {
        return new Step.SendRaw(Payload.of(bytes), Step.Writing.WHOLE);
    }
}
