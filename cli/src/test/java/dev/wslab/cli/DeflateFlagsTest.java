package dev.wslab.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("./wslab serve and connect: permessage-deflate (RFC 7692) on by default, and its flags")
class DeflateFlagsTest {

    /** 2000 times 'a': far above the 1024-byte threshold, and squeezes to a few bytes at any level but 0. */
    private static final String LONG = "a".repeat(2000);

    /** The first text frame sent, {@code LONG}'s, in the trace: its RSV bits and its length on the wire. */
    private static final Pattern LONG_SENT = Pattern.compile("> FIN=1 RSV=(\\d{3}) opcode=0x1 \\(TEXT\\) MASK=1 length=(\\d+) ");

    /**
     * Runs {@code ./wslab serve --port 0 serveFlags...}, connects with {@code connect --trace connectFlags...},
     * sends LONG and "hi", waits for both echoes, then ends the input; returns the trace.
     */
    private static String traceAgainstServe(String[] serveFlags, String... connectFlags) throws Exception {
        StringWriter serveOut = new StringWriter();
        CompletableFuture<Integer> serveExit = new CompletableFuture<>();
        String[] serveArgs = concat(new String[] {"serve", "--port", "0", "--exit-after", "5s"}, serveFlags);
        Thread.ofPlatform().name("serve-under-test").start(() -> serveExit.complete(Main.run(
                new PrintWriter(serveOut, true), new PrintWriter(new StringWriter(), true), serveArgs)));
        int port = CommandLineRunner.awaitPort(serveOut);
        PipedOutputStream typing = new PipedOutputStream();
        ConnectCommand.input = new PipedInputStream(typing, 8192);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] connectArgs = concat(new String[] {"connect", "ws://127.0.0.1:" + port + "/", "--trace"}, connectFlags);
        CompletableFuture<Integer> connectExit = new CompletableFuture<>();
        Thread.ofPlatform().name("connect-under-test").start(() -> connectExit.complete(Main.run(
                new PrintWriter(out, true), new PrintWriter(err, true), connectArgs)));
        try {
            typing.write((LONG + "\nhi\n").getBytes(StandardCharsets.UTF_8));
            typing.flush();
            String echoes = LONG + System.lineSeparator() + "hi" + System.lineSeparator();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!out.toString().equals(echoes) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(out.toString()).as(err.toString()).isEqualTo(echoes);
            typing.close(); // the end of input: connect closes with 1000
            assertThat(connectExit.get(10, TimeUnit.SECONDS)).as(err.toString()).isZero();
        } finally {
            ConnectCommand.input = System.in;
        }
        assertThat(serveExit.get(20, TimeUnit.SECONDS)).isZero();
        return err.toString();
    }

    @Test
    @DisplayName("by default serve accepts the offer connect makes, and messages of 1024 bytes or more go compressed (RSV1)")
    void onByDefaultAboveTheThreshold() throws Exception {
        String trace = traceAgainstServe(new String[0]);

        assertThat(trace.toLowerCase(Locale.ROOT)).contains(
                "> sec-websocket-extensions: permessage-deflate; client_max_window_bits",
                "< sec-websocket-extensions: permessage-deflate");
        Matcher sent = found(LONG_SENT, trace);
        assertThat(sent.group(1)).isEqualTo("100"); // RSV1: this message is compressed (RFC 7692 §6)
        assertThat(Integer.parseInt(sent.group(2))).isLessThan(100);
        assertThat(trace).contains("< FIN=1 RSV=100 opcode=0x1 (TEXT) MASK=0") // the server compresses its echo too
                .contains("> FIN=1 RSV=000 opcode=0x1 (TEXT) MASK=1 length=2 \"hi\""); // 2 bytes: under the threshold
        // --trace shows what each compressed frame inflates to, both ways: the 2000 bytes of LONG.
        assertThat(trace).containsPattern("> FIN=1 RSV=100 opcode=0x1 \\(TEXT\\) MASK=1 length=\\d+ .* inflated: \"a{32}\\.\\.\\.\" \\[2000 bytes\\]")
                .containsPattern("< FIN=1 RSV=100 opcode=0x1 \\(TEXT\\) MASK=0 length=\\d+ .* inflated: \"a{32}\\.\\.\\.\" \\[2000 bytes\\]");
    }

    @Test
    void noDeflateOnServeDeclinesTheOfferAndNothingIsCompressed() throws Exception {
        String trace = traceAgainstServe(new String[] {"--no-deflate"});

        assertThat(trace.toLowerCase(Locale.ROOT)).contains("> sec-websocket-extensions: permessage-deflate")
                .doesNotContain("< sec-websocket-extensions");
        assertThat(found(LONG_SENT, trace).group(1)).isEqualTo("000");
        assertThat(found(LONG_SENT, trace).group(2)).isEqualTo("2000");
        assertThat(trace).doesNotContain("RSV=100");
    }

    @Test
    void noDeflateOnConnectMakesNoOffer() throws Exception {
        String trace = traceAgainstServe(new String[0], "--no-deflate");

        assertThat(trace.toLowerCase(Locale.ROOT)).doesNotContain("sec-websocket-extensions");
        assertThat(trace).doesNotContain("RSV=100");
    }

    @Test
    @DisplayName("--deflate-threshold 0 compresses even 2 bytes; --deflate-level 0 stores (more bytes than the text)")
    void thresholdAndLevel() throws Exception {
        String trace = traceAgainstServe(new String[0], "--deflate-threshold", "0", "--deflate-level", "0");

        // "hi" goes compressed from connect; serve keeps its own 1024-byte threshold and echoes it plain.
        assertThat(trace).doesNotContain("> FIN=1 RSV=000 opcode=0x1 (TEXT) MASK=1 length=2 \"hi\"")
                .contains("< FIN=1 RSV=000 opcode=0x1 (TEXT) MASK=0 length=2 \"hi\"");
        assertThat(trace.indexOf("> FIN=1 RSV=100", trace.indexOf("> FIN=1 RSV=100") + 1)).isPositive();
        Matcher sent = found(LONG_SENT, trace);
        assertThat(sent.group(1)).isEqualTo("100");
        // RFC 1951 §3.2.4: a stored block is a header (00 = not final, stored; LEN d0 07 = 2000; NLEN 2f f8)
        // and the 2000 bytes as they are, so more than 2000 bytes on the wire.
        assertThat(Integer.parseInt(sent.group(2))).isGreaterThan(2000);
    }

    @Test
    @DisplayName("§7.1.1 --deflate-no-context-takeover: connect offers both no_context_takeover flags; serve answers both unasked")
    void noContextTakeover() throws Exception {
        String offered = traceAgainstServe(new String[0], "--deflate-no-context-takeover").toLowerCase(Locale.ROOT);
        String answered = traceAgainstServe(new String[] {"--deflate-no-context-takeover"}).toLowerCase(Locale.ROOT);

        assertThat(offered).contains("> sec-websocket-extensions: permessage-deflate; server_no_context_takeover;"
                + " client_no_context_takeover; client_max_window_bits");
        assertThat(answered).doesNotContain("> sec-websocket-extensions: permessage-deflate; server_no_context_takeover")
                .containsPattern("< sec-websocket-extensions: permessage-deflate;.*server_no_context_takeover")
                .containsPattern("< sec-websocket-extensions: permessage-deflate;.*client_no_context_takeover");
    }

    @Test
    void badValuesAreOneLineNamingTheOptionAndExitCode2() {
        for (String command : new String[] {"serve", "connect"}) {
            for (String[] flags : new String[][] {
                    {"--deflate-level", "12"},
                    {"--deflate-level", "-1"},
                    {"--deflate-threshold", "-5"},
                    {"--deflate-level", "high"},
                    {"--no-deflate", "--deflate-level", "3"}}) {
                String[] args = command.equals("serve")
                        ? concat(new String[] {"serve", "--port", "0"}, flags)
                        : concat(new String[] {"connect", "ws://127.0.0.1:1/"}, flags);
                CommandLineRunner result = CommandLineRunner.run(args);
                String what = String.join(" ", args);
                assertThat(result.exitCode()).as(what).isEqualTo(2);
                assertThat(result.err()).as(what).startsWith("wslab: ").hasLineCount(1)
                        .contains(flags[flags.length - 2]).doesNotContain("Exception", "\tat ");
            }
        }
    }

    private static Matcher found(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as("%s in:%n%s", pattern, text).isTrue();
        return matcher;
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = new String[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

}
