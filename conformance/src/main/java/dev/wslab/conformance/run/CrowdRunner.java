package dev.wslab.conformance.run;

import dev.wslab.conformance.CrowdVisit;
import dev.wslab.conformance.Step;
import dev.wslab.conformance.Verdict;
import dev.wslab.conformance.judge.CaseResult;
import dev.wslab.conformance.wire.Target;
import dev.wslab.conformance.wire.WireConnection;
import dev.wslab.conformance.wire.WireLog;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.Payload;
import dev.wslab.protocol.handshake.WebSocketUri;
import dev.wslab.transport.Closeables;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * CrowdRunner carries out a {@link Step.Crowd}: many connections to the target URL, bounded in number
 * and time, then a fresh connection that must still be served.
 */
final class CrowdRunner {

    private CrowdRunner() {
    }

    /** Runs the crowd; returns whether a fresh connection was served (the log says why not). */
    static boolean run(Step.Crowd crowd, String caseId, Target target, WireLog log) throws InterruptedException {
        return switch (crowd.visit()) {
            case CrowdVisit.StalledRequest stalled -> stalled(crowd, caseId, target, log);
            case CrowdVisit.AbortMidMessage abort -> {
                byte[] start = partOf(Step.encodeMasked(abort.message(), 0x5a5a5a5a), abort.sentBytes());
                yield visitInTurn(crowd, caseId, target, log, "aborted in the middle of a message",
                        wire -> sendAndReset(wire, start));
            }
            case CrowdVisit.CloseRacingEcho race -> visitInTurn(crowd, caseId, target, log, "closed and reset while"
                    + " the echo of a " + race.messageBytes() + "-byte message was in flight",
                    wire -> sendAndReset(wire, Step.encodeMasked(List.of(Frame.binary(Payload.of(tagged(wire.hashCode(),
                            race.messageBytes()))), Frame.close(CloseStatus.NORMAL)), wire.nextMaskingKey())));
        };
    }

    /** Holds every connection of the crowd, each a stalled request, while a fresh connection is checked. */
    private static boolean stalled(Step.Crowd crowd, String caseId, Target target, WireLog log) throws InterruptedException {
        WebSocketUri uri = WebSocketUri.parse(target.uri());
        byte[] start = ("GET " + uri.resourceName() + " HTTP/1.1\r\nHost: " + uri.hostHeader() + "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < crowd.connections(); i++) {
                Socket socket = new Socket();
                held.add(socket);
                try {
                    socket.connect(new InetSocketAddress(uri.host(), uri.port()), (int) target.connectTimeout().toMillis());
                    OutputStream out = socket.getOutputStream();
                    out.write(start);
                    out.flush();
                } catch (IOException e) {
                    log.note("crowd connection " + (i + 1) + " could not start: " + e.getMessage());
                }
            }
            log.note(crowd.connections() + " connections each sent the first two lines of a request and stalled;"
                    + " a fresh connection must still be served");
            return fresh(caseId, target, log);
        } finally {
            for (Socket socket : held) {
                Closeables.closeQuietly(socket);
            }
            log.note("the crowd's connections are closed");
        }
    }

    /** What one crowd connection does once its handshake is complete. */
    private interface Visit {
        void on(WireConnection wire) throws IOException;
    }

    /** Runs the visits, at most {@code atOnce} at a time, then checks a fresh connection. */
    private static boolean visitInTurn(Step.Crowd crowd, String caseId, Target target, WireLog log, String what,
                                       Visit visit) throws InterruptedException {
        Semaphore slots = new Semaphore(crowd.atOnce());
        AtomicInteger failedToOpen = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < crowd.connections(); i++) {
            slots.acquire();
            threads.add(Thread.ofVirtual().start(() -> {
                try (WireConnection wire = WireConnection.open(target, new WireLog())) {
                    visit.on(wire);
                } catch (Exception e) {
                    failedToOpen.incrementAndGet();
                } finally {
                    slots.release();
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join(target.connectTimeout().toMillis() * 2);
        }
        log.note(crowd.connections() + " connections, " + crowd.atOnce() + " at a time, " + what
                + (failedToOpen.get() > 0 ? "; " + failedToOpen.get() + " could not complete their visit" : ""));
        return fresh(caseId, target, log);
    }

    private static boolean fresh(String caseId, Target target, WireLog log) throws InterruptedException {
        CaseResult live = Liveness.check(caseId + "-crowd", target);
        if (live.verdict() == Verdict.OK) {
            log.note("a fresh connection was served");
            return true;
        }
        log.note("a fresh connection was not served: " + live.reason());
        return false;
    }

    private static void sendAndReset(WireConnection wire, byte[] bytes) throws IOException {
        try {
            wire.writeFlood(bytes, java.time.Duration.ofSeconds(5));
        } finally {
            wire.abort();
        }
    }

    private static byte[] partOf(byte[] bytes, int length) {
        return Arrays.copyOf(bytes, Math.min(bytes.length, length));
    }

    /** A message of {@code size} bytes repeating the connection's tag, so that cross-talk is visible. */
    private static byte[] tagged(int tag, int size) {
        byte[] pattern = ("[tag " + tag + "]").getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = pattern[i % pattern.length];
        }
        return bytes;
    }
}
