package dev.wslab.tutorials.browser;

import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.handshake.HandshakeRejection;
import dev.wslab.protocol.http.HttpHeaders;
import dev.wslab.server.WebSocketServer;
import dev.wslab.transport.Message;
import dev.wslab.transport.WebSocketSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser client (wslab-client.js) in headless Chromium, against a server that follows a script: it
 * answers pings, then sends a stale pong, drops the connection, refuses two handshakes with 429, drops
 * again, and finally closes with 1000. The page sends its log over a second WebSocket ({@code /log});
 * every assertion reads that log or what the server saw. Skipped, visibly, without /usr/bin/chromium.
 */
@DisplayName("browser client in headless Chromium: heartbeat, stale pong, backoff with jitter, no reconnect after 1000")
class BrowserClientChromiumTest {

    private static final long HEARTBEAT_MS = 250;
    private static final long PONG_TIMEOUT_MS = 1000;
    private static final long BASE_MS = 200;
    private static final long CAP_MS = 2000;

    private static final Pattern LINE = Pattern.compile("(\\S+) (.*)");
    private static final Pattern MATCHED_PONG = Pattern.compile("PONG seq=(\\d+) rtt=\\d+ms");
    private static final Pattern RECONNECT = Pattern.compile("RECONNECT in (\\d+)ms \\(failures in a row: (\\d+)\\)");
    private static final Pattern CLOSED = Pattern.compile("CLOSED code=(\\d+) .*");

    @TempDir
    Path dir;
    private WebSocketServer server;
    private HeadlessChromium browser;

    private final BlockingQueue<String> pageLog = new LinkedBlockingQueue<>();
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger toRefuse = new AtomicInteger();
    private final List<Long> answeredPings = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Long> dropped = new CompletableFuture<>();   // nanoTime of the first drop
    private final CompletableFuture<Long> nextAttempt = new CompletableFuture<>(); // nanoTime of the next handshake
    private final CompletableFuture<Void> closedNormally = new CompletableFuture<>();

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theClientMatchesPongsIgnoresAStaleOneBacksOffWithJitterAndStopsAfter1000() throws Exception {
        HeadlessChromium.assumeInstalled();
        Path web = WebFiles.extract(dir.resolve("web"));
        server = WebSocketServer.builder()
                .staticFiles("/web/", web)
                .authenticator(request -> {
                    if (!request.target().startsWith("/ws")) {
                        return Optional.empty();
                    }
                    if (dropped.isDone()) {
                        nextAttempt.complete(System.nanoTime());
                    }
                    if (toRefuse.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        refused.incrementAndGet();
                        return Optional.of(new HandshakeRejection(429, HandshakeRejection.Kind.AUTHENTICATION_REQUIRED,
                                "the test refuses this attempt", HttpHeaders.of("Retry-After", "1")));
                    }
                    return Optional.empty();
                })
                .endpoint("/ws", this::script)
                .endpoint("/log", session -> {
                    Optional<Message> line;
                    while ((line = session.receive()).isPresent()) {
                        if (line.get() instanceof Message.Text(String text)) {
                            pageLog.add(text);
                        }
                    }
                })
                .start();

        browser = HeadlessChromium.open("http://127.0.0.1:" + server.port() + "/web/client.html?heartbeat=" + HEARTBEAT_MS
                + "&pongTimeout=" + PONG_TIMEOUT_MS + "&base=" + BASE_MS + "&cap=" + CAP_MS, dir);

        closedNormally.get(60, TimeUnit.SECONDS);
        List<String> log = readLogUntil("STOPPED", 20);
        Thread.sleep(4 * BASE_MS * 3 / 2 + 500); // longer than any reconnect delay the client could pick now
        List<String> texts = texts(log);
        String shown = String.join("\n", log);
        System.out.println("the page's log:\n" + shown);

        // Heartbeat: every pong the page accepted answers a ping the server answered, in order.
        assertThat(matches(texts, MATCHED_PONG, 1)).as(shown).containsExactlyElementsOf(answeredPings.stream().map(String::valueOf).toList());
        assertThat(answeredPings).as(shown).hasSizeGreaterThanOrEqualTo(5);

        // tag::stale[]
        // A stale pong is ignored: it does not count as an answer, so the pong timeout closes with 4000.
        int stale = indexOf(texts, "PONG seq=3 stale (awaiting 4): ignored");
        assertThat(stale).as(shown).isNotNegative();
        assertThat(texts.get(stale + 1)).as(shown).isEqualTo("CLOSING code=4000 reason=\"no pong for ping 4\"");
        // end::stale[]

        // State transitions, in order, with the close codes: 4000 (our heartbeat), 1006 (dropped or refused), 1000.
        assertThat(texts.stream().map(t -> t.split(" ")[0])
                .filter(w -> List.of("CONNECTING", "OPEN", "CLOSING", "CLOSED").contains(w)).toList()).as(shown)
                .containsExactly("CONNECTING", "OPEN", "CLOSING", "CLOSED",   // heartbeat timeout
                        "CONNECTING", "OPEN", "CLOSED",                        // dropped by the server
                        "CONNECTING", "CLOSED", "CONNECTING", "CLOSED",        // two handshakes refused (429)
                        "CONNECTING", "OPEN", "CLOSED",                        // dropped again
                        "CONNECTING", "OPEN", "CLOSED");                       // closed with 1000
        assertThat(matches(texts, CLOSED, 1)).as(shown).containsExactly("4000", "1006", "1006", "1006", "1006", "1000");
        assertThat(log).as("every line starts with a timestamp, in order")
                .allSatisfy(line -> assertThat(Instant.parse(line.substring(0, line.indexOf(' ')))).isNotNull());
        assertThat(log.stream().map(line -> Instant.parse(line.substring(0, line.indexOf(' ')))).toList()).isSorted();

        // tag::backoff[]
        // Backoff: base·2^n plus up to 50 %; the failures count restarts after each successful open.
        List<String> failures = matches(texts, RECONNECT, 2);
        List<String> delays = matches(texts, RECONNECT, 1);
        assertThat(failures).as(shown).containsExactly("1", "1", "2", "3", "1");
        for (int i = 0; i < delays.size(); i++) {
            long floor = BASE_MS << (Integer.parseInt(failures.get(i)) - 1);
            assertThat(Long.parseLong(delays.get(i))).as(shown).isBetween(floor, floor * 3 / 2);
        }
        long waitedMs = TimeUnit.NANOSECONDS.toMillis(nextAttempt.get(5, TimeUnit.SECONDS) - dropped.get());
        assertThat(waitedMs).as("the server saw the next handshake only after the base delay").isGreaterThanOrEqualTo(BASE_MS);
        // end::backoff[]

        // No reconnect after a deliberate 1000.
        assertThat(texts.getLast()).isEqualTo("STOPPED: a deliberate close (1000), no reconnect");
        assertThat(opened.get()).as("connections opened").isEqualTo(4);
        assertThat(refused.get()).as("handshakes refused").isEqualTo(2);
        assertThat(pageLog).as("nothing logged after STOPPED").isEmpty();
    }

    /** The server's script, one step per connection opened. */
    private void script(WebSocketSession session) throws Exception {
        int connection = opened.incrementAndGet();
        int pings = 0;
        Optional<Message> message;
        while ((message = session.receive()).isPresent()) {
            OptionalLong seq = message.get() instanceof Message.Text(String text) ? AppHeartbeat.pingSeq(text) : OptionalLong.empty();
            if (seq.isEmpty()) {
                continue;
            }
            pings++;
            if (connection == 1 && pings == 4) {
                session.sendText(AppHeartbeat.pong(seq.getAsLong() - 1)); // stale, and the only answer
                continue;
            }
            session.sendText(AppHeartbeat.pong(seq.getAsLong()));
            answeredPings.add(seq.getAsLong());
            if (connection == 2 || connection == 3) {
                Thread.sleep(50); // let the pong reach the page first
                if (connection == 2) {
                    toRefuse.set(2);
                    dropped.complete(System.nanoTime());
                }
                session.abort("the test drops the connection");
                return;
            }
            if (connection == 4) {
                Thread.sleep(50);
                session.close(CloseStatus.NORMAL);
                session.closed().get(10, TimeUnit.SECONDS);
                closedNormally.complete(null);
                return;
            }
        }
    }

    private List<String> readLogUntil(String marker, int seconds) throws InterruptedException {
        List<String> lines = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            String line = pageLog.poll(200, TimeUnit.MILLISECONDS);
            if (line != null) {
                lines.add(line);
                if (line.contains(marker)) {
                    return lines;
                }
            }
        }
        throw new AssertionError("no \"" + marker + "\" in the page's log:\n" + String.join("\n", lines) + "\n" + browser.log());
    }

    private static List<String> texts(List<String> log) {
        return log.stream().map(line -> {
            Matcher matcher = LINE.matcher(line);
            assertThat(matcher.matches()).as(line).isTrue();
            return matcher.group(2);
        }).toList();
    }

    private static List<String> matches(List<String> texts, Pattern pattern, int group) {
        return texts.stream().map(pattern::matcher).filter(Matcher::matches).map(m -> m.group(group)).toList();
    }

    private static int indexOf(List<String> texts, String text) {
        return texts.indexOf(text);
    }
}
