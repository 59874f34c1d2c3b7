package dev.wslab.client;

import dev.wslab.transport.resume.ResumeBuffer;
import dev.wslab.transport.resume.ResumeProtocol;
import dev.wslab.transport.resume.ResumeBuffer.Replay;
import dev.wslab.transport.resume.ResumeProtocol.Numbered;
import dev.wslab.client.ResumeReceiver.Outcome;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.fail;

@DisplayName("session resume")
class ResumeTest {

    @Nested
    @DisplayName("ResumeBuffer")
    class Buffer {

        @Test
        void numbersMessagesFromOneAndReplaysEverythingAfterTheClientsLastId() {
            ResumeBuffer buffer = new ResumeBuffer(10);
            IntStream.rangeClosed(1, 5).forEach(i -> buffer.append("m" + i));

            assertThat(buffer.replayAfter(3)).isEqualTo(new Replay.Messages(
                    List.of(new Numbered(4, "m4"), new Numbered(5, "m5"))));
            assertThat(buffer.replayAfter(5)).isEqualTo(new Replay.Messages(List.of()));
            assertThat(buffer.replayAfter(0)).isInstanceOfSatisfying(Replay.Messages.class,
                    replay -> assertThat(replay.messages()).hasSize(5));
        }

        @Test
        void aClientBehindTheOldestHeldMessageIsToldThereIsAGap() {
            ResumeBuffer buffer = new ResumeBuffer(3);
            IntStream.rangeClosed(1, 10).forEach(i -> buffer.append("m" + i));

            assertThat(buffer.replayAfter(6)).isEqualTo(new Replay.Gap(8));
            assertThat(buffer.replayAfter(7)).isInstanceOf(Replay.Messages.class);
        }

        @Test
        void aClientClaimingAMessageNeverSentIsRefused() {
            ResumeBuffer buffer = new ResumeBuffer(3);
            buffer.append("only");
            assertThatIllegalArgumentException().isThrownBy(() -> buffer.replayAfter(2));
        }
    }

    @Test
    void theWireFormIsTheIdASpaceAndThePayload() {
        assertThat(new Numbered(42, "hello world").encode()).isEqualTo("42 hello world");
        assertThat(ResumeProtocol.decode("42 hello world")).isEqualTo(new Numbered(42, "hello world"));
        assertThat(ResumeProtocol.parseResumeRequest(ResumeProtocol.resumeRequest(7))).hasValue(7);
        assertThat(ResumeProtocol.parseResumeRequest("42 resume 7")).isEmpty();
        assertThat(ResumeProtocol.parseGap(ResumeProtocol.gap(8))).hasValue(8);
        assertThatIllegalArgumentException().isThrownBy(() -> ResumeProtocol.decode("hello"));
    }

    @Test
    void theReceiverDeliversInOrderDropsDuplicatesAndReportsGaps() {
        ResumeReceiver receiver = new ResumeReceiver();
        assertThat(receiver.receive(new Numbered(1, "a"))).isEqualTo(new Outcome.Deliver(new Numbered(1, "a")));
        assertThat(receiver.receive(new Numbered(1, "a"))).isEqualTo(new Outcome.Duplicate(1));
        assertThat(receiver.receive(new Numbered(3, "c"))).isEqualTo(new Outcome.Gap(2, 3));
        assertThat(receiver.resumeRequest()).isEqualTo("resume 1");
    }

    /**
     * A fake flaky transport, simulated step by step from a seed: the link drops at random (the message in
     * flight and everything after it are lost until the client reconnects), messages are sometimes
     * delivered twice, and the server keeps producing while the client is away.
     */
    private static final class FlakyRun {
        final SplittableRandom random;
        final ResumeBuffer server;
        final ResumeReceiver client = new ResumeReceiver();
        final List<String> delivered = new ArrayList<>();
        boolean connected;
        boolean gapReported;
        int reconnects;

        FlakyRun(long seed, int capacity) {
            random = new SplittableRandom(seed);
            server = new ResumeBuffer(capacity);
        }

        /** Runs until {@code total} messages were produced and the client is caught up or was told of a gap. */
        void run(int total) {
            int produced = 0;
            while (client.lastId() < total && !gapReported) {
                if (!connected) {
                    int producedWhileAway = random.nextInt(6);
                    for (int i = 0; i < producedWhileAway && produced < total; i++) {
                        server.append("m" + ++produced);
                    }
                    reconnect();
                } else if (produced < total) {
                    transmit(server.append("m" + ++produced).encode());
                } else {
                    fail("everything was sent on a live connection, yet the client has only " + client.lastId());
                }
            }
        }

        private void reconnect() {
            connected = true;
            reconnects++;
            long lastId = ResumeProtocol.parseResumeRequest(client.resumeRequest()).orElseThrow();
            switch (server.replayAfter(lastId)) {
                case Replay.Messages replay -> {
                    for (Numbered message : replay.messages()) {
                        if (!connected) {
                            return;
                        }
                        transmit(message.encode());
                    }
                }
                case Replay.Gap gap -> gapReported = true;
            }
        }

        /** Sends one text message over the flaky link. */
        private void transmit(String text) {
            if (random.nextInt(10) == 0) {
                connected = false; // the link died with this message in flight
                return;
            }
            int copies = random.nextInt(8) == 0 ? 2 : 1;
            for (int i = 0; i < copies; i++) {
                switch (client.receive(ResumeProtocol.decode(text))) {
                    case Outcome.Deliver deliver -> delivered.add(deliver.message().payload());
                    case Outcome.Duplicate duplicate -> { }
                    case Outcome.Gap gap -> fail("the client saw a gap: " + gap);
                }
            }
        }
    }

    @Test
    @DisplayName("over a flaky link, every message arrives exactly once and in order (300 random runs)")
    void nothingLostNothingDuplicated() {
        for (long seed = 1; seed <= 300; seed++) {
            FlakyRun run = new FlakyRun(seed, 1000);
            run.run(200);
            assertThat(run.delivered).as("seed %d", seed)
                    .isEqualTo(IntStream.rangeClosed(1, 200).mapToObj(i -> "m" + i).toList());
            assertThat(run.reconnects).as("seed %d: the link must actually have failed", seed).isGreaterThan(1);
        }
    }

    @Test
    @DisplayName("when the buffer is too small for an outage, the client is told of the gap, never silently skipped")
    void aTooSmallBufferReportsTheGap() {
        int gaps = 0;
        for (long seed = 1; seed <= 300; seed++) {
            FlakyRun run = new FlakyRun(seed, 2);
            run.run(200);
            List<String> expectedPrefix = IntStream.rangeClosed(1, run.delivered.size()).mapToObj(i -> "m" + i).toList();
            assertThat(run.delivered).as("seed %d", seed).isEqualTo(expectedPrefix);
            if (run.gapReported) {
                gaps++;
            }
        }
        assertThat(gaps).as("runs that hit a gap").isPositive();
    }

    @Test
    @DisplayName("against a real server: a dropped connection is resumed, nothing lost, nothing repeated")
    void resumesOverRealReconnects() throws Exception {
        LinkedBlockingQueue<String> delivered = new LinkedBlockingQueue<>();
        ResumeReceiver receiver = new ResumeReceiver();
        try (ResumeServer server = new ResumeServer(100)) {
            ReconnectingClient client = new ReconnectingClient(server.uri(), ClientOptions.DEFAULTS,
                    ReconnectPolicy.DEFAULT, receiver.handler(delivered::add), WebSocketClient::connect,
                    duration -> { }, BackoffTest.always(0.5));
            for (int i = 1; i <= 3; i++) {
                server.publish("m" + i); // before the client connects: it gets them by replay
            }
            CompletableFuture<ReconnectingClient.StopReason> stopped = CompletableFuture.supplyAsync(client::run,
                    command -> Thread.ofVirtual().start(command));
            List<String> got = new ArrayList<>();
            takeUntil(delivered, got, 3);
            server.publish("m4");
            takeUntil(delivered, got, 4);

            server.drop();
            server.publish("m5"); // while the client may be away: replayed, or sent live if it is back
            server.publish("m6");
            takeUntil(delivered, got, 6);
            server.closeNormally();

            assertThat(stopped.get(10, TimeUnit.SECONDS)).isEqualTo(ReconnectingClient.StopReason.CLOSED_DELIBERATELY);
            assertThat(got).containsExactly("m1", "m2", "m3", "m4", "m5", "m6");
            assertThat(delivered).isEmpty();
            assertThat(client.stats().dropped()).isEqualTo(1);
        }
    }

    private static void takeUntil(LinkedBlockingQueue<String> queue, List<String> into, int count)
            throws InterruptedException {
        while (into.size() < count) {
            String next = queue.poll(10, TimeUnit.SECONDS);
            assertThat(next).as("message %d within 10 s", into.size() + 1).isNotNull();
            into.add(next);
        }
    }
}
