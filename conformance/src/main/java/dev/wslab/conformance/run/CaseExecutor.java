package dev.wslab.conformance.run;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.Expectation;
import dev.wslab.conformance.HandshakeCheck;
import dev.wslab.conformance.Observed;
import dev.wslab.conformance.Step;
import dev.wslab.conformance.Verdict;
import dev.wslab.conformance.judge.CaseResult;
import dev.wslab.conformance.judge.Deadline;
import dev.wslab.conformance.judge.EchoJudge;
import dev.wslab.conformance.judge.EchoOutcome;
import dev.wslab.conformance.judge.Finding;
import dev.wslab.conformance.judge.HandshakeJudge;
import dev.wslab.conformance.judge.Judge;
import dev.wslab.conformance.wire.DeflateNegotiation;
import dev.wslab.conformance.wire.HandshakeFailedException;
import dev.wslab.conformance.wire.HandshakeProbe;
import dev.wslab.conformance.wire.Observation;
import dev.wslab.conformance.wire.Target;
import dev.wslab.conformance.wire.WireConnection;
import dev.wslab.conformance.wire.WireLog;
import dev.wslab.protocol.close.CloseCode;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.frame.Frame;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * CaseExecutor runs one case on its own connection: handshake, steps, then the wait for the server's
 * reaction, bounded by the case's deadline, then the closing, and hands what it saw to the {@link Judge}.
 */
public final class CaseExecutor {

    /** How long the server has to complete a closing handshake and close TCP. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);

    private CaseExecutor() {
    }

    /** Runs {@code testCase} against {@code target}. Never throws for anything the server does. */
    public static CaseResult run(ConformanceCase catalogCase, Target target) throws InterruptedException {
        return FollowUps.after(catalogCase, runOnce(catalogCase, target), target);
    }

    private static CaseResult runOnce(ConformanceCase catalogCase, Target target) throws InterruptedException {
        ConformanceCase testCase = catalogCase.scaledInTime(target.timeScale());
        if (testCase.handshake().isPresent()) {
            return runHandshake(testCase, testCase.handshake().get(), target);
        }
        WireLog log = new WireLog();
        WireConnection wire;
        try {
            wire = testCase.offer().isPresent()
                    ? WireConnection.open(target, DeflateNegotiation.offers(testCase.offer().get()), log)
                    : WireConnection.open(target, log);
        } catch (HandshakeFailedException | IOException | RuntimeException e) {
            log.note("could not open the connection: " + e.getMessage());
            return failedToStart(testCase, log, e.getMessage());
        }
        if (testCase.offer().isPresent() && wire.deflate().isEmpty()) {
            return declined(testCase, wire, log);
        }
        Deadline deadline;
        Optional<EchoOutcome> echoed = Optional.empty();
        try (wire) {
            echoed = sendSteps(testCase, wire, log, Optional.of(target));
            deadline = awaitEnd(testCase, wire, log);
        } catch (IOException e) {
            log.note("closing: " + e.getMessage());
            deadline = Deadline.ENDED_IN_TIME;
        }
        CaseResult judged = Judge.judge(testCase, wire.observation(), deadline, log.entries(), log.elapsed());
        return echoed.map(outcome -> EchoJudge.judge(judged, outcome)).orElse(judged);
    }

    /**
     * A case that needs compression, on a connection where the server declined the offer, which RFC 7692 §5
     * allows: UNIMPLEMENTED, as Autobahn says. The suite closes normally, and that closing is judged.
     */
    private static CaseResult declined(ConformanceCase testCase, WireConnection wire, WireLog log)
            throws InterruptedException {
        log.note("the server declined the offer; the case needs permessage-deflate, so it stops here");
        ConformanceCase closing = testCase.withExpectation(Expectation.echo());
        try (wire) {
            awaitEnd(closing, wire, log);
        } catch (IOException e) {
            log.note("closing: " + e.getMessage());
        }
        CaseResult closed = Judge.judge(closing, wire.observation(), Deadline.ENDED_IN_TIME, log.entries(), log.elapsed());
        return new CaseResult(testCase, Verdict.UNIMPLEMENTED, "the server declined " + testCase.offer().orElseThrow()
                + " (RFC 7692 §5 lets a server decline an offer; this case needs compression)", closed.close(),
                closed.closeReason(), closed.observation(), closed.wireLog(), closed.duration());
    }

    /** Runs a case about the opening handshake: judge the answer, then, if accepted, the frames and the close. */
    private static CaseResult runHandshake(ConformanceCase testCase, HandshakeCheck check, Target target)
            throws InterruptedException {
        WireLog log = new WireLog();
        HandshakeProbe probe;
        try {
            probe = WireConnection.probe(target, check.editRequest(), check.bytesAfterHead(), check.delivery(),
                    testCase.deadline(), log);
        } catch (IOException | RuntimeException e) {
            log.note("could not connect: " + e.getMessage());
            return failedToStart(testCase, log, e.getMessage());
        }
        Finding judgement = HandshakeJudge.judge(check, probe);
        if (probe.connection().isEmpty()) {
            return new CaseResult(testCase, judgement.verdict(), judgement.explanation(), Verdict.OK,
                    "no WebSocket connection to close", Observation.nothing(), log.entries(), log.elapsed());
        }
        WireConnection wire = probe.connection().get();
        try (wire) {
            awaitEnd(testCase, wire, log);
        } catch (IOException e) {
            log.note("closing: " + e.getMessage());
        }
        CaseResult frames = Judge.judge(testCase, wire.observation(), Deadline.ENDED_IN_TIME, log.entries(),
                log.elapsed());
        if (judgement.verdict() == Verdict.OK) {
            return frames;
        }
        return new CaseResult(testCase, judgement.verdict().worst(frames.behavior()), judgement.explanation(),
                frames.close(), frames.closeReason(), frames.observation(), frames.wireLog(), frames.duration());
    }

    /** Sends the case's steps; returns how a stream of echoes ended, when the case has one. */
    static Optional<EchoOutcome> sendSteps(ConformanceCase testCase, WireConnection wire, WireLog log,
                                           Optional<Target> target) throws InterruptedException {
        Optional<EchoOutcome> echoed = Optional.empty();
        try {
            for (Step step : testCase.steps()) {
                if (wire.observation().tcpClosed()) {
                    log.note("the server closed the connection; the rest of the case is not sent");
                    return echoed;
                }
                switch (step) {
                    case Step.Send send -> sendFrames(wire, send);
                    case Step.SendCompressed compressed -> wire.sendCompressed(compressed.opcode(),
                            compressed.message().toByteArray(), compressed.fragmentSize());
                    case Step.EchoMessages stream -> echoed = Optional.of(
                            CompressedEchoRun.run(stream.echoes(), wire, log, testCase.deadline()));
                    case Step.SendRaw raw -> write(wire, raw.bytes().toByteArray(), raw.writing(), "raw bytes");
                    case Step.Pause pause -> Thread.sleep(pause.duration());
                    case Step.RoundTrips trips -> {
                        for (int i = 1; i <= trips.count(); i++) {
                            wire.send(trips.frame());
                            wire.awaitEvents(i, testCase.deadline());
                        }
                    }
                    case Step.Marker marker -> wire.mark(marker.name());
                    case Step.Repeat repeat -> {
                        if (!flood(wire, repeat, testCase.deadline(), log)) {
                            return echoed;
                        }
                    }
                    case Step.StopReading stop -> wire.pauseReading();
                    case Step.ResumeReading resume -> wire.resumeReading();
                    case Step.Mute mute -> wire.mute();
                    case Step.Crowd crowd -> {
                        if (target.isEmpty()) {
                            log.note("a crowd needs a server to connect to; in client mode it is not sent");
                        } else if (CrowdRunner.run(crowd, testCase.id(), target.get(), log)) {
                            wire.mark(Step.Crowd.SERVED);
                        }
                    }
                }
            }
        } catch (IOException e) {
            // Normal when the server rightly failed the connection while the case was still sending.
            log.note("the rest of the case was not sent: " + e.getMessage());
        }
        return echoed;
    }

    /**
     * Sends a flood in writes of about 64 KiB, each frame masked with one of 16 keys in turn (cheaper than
     * a fresh key per frame, and a server cannot tell). Returns false when the server stopped reading for
     * longer than {@code patience}: the suite then closed the connection.
     */
    private static boolean flood(WireConnection wire, Step.Repeat repeat, java.time.Duration patience, WireLog log)
            throws IOException {
        byte[][] encodings = new byte[16][];
        for (int i = 0; i < encodings.length; i++) {
            encodings[i] = dev.wslab.protocol.frame.FrameEncoder.encode(repeat.frame().maskedWith(wire.nextMaskingKey()));
        }
        int frameSize = encodings[0].length;
        int perWrite = Math.max(1, (64 * 1024) / frameSize);
        log.note("flood: " + repeat.times() + " x " + repeat.frame() + " (" + (long) repeat.times() * frameSize
                + " bytes)");
        int sent = 0;
        while (sent < repeat.times()) {
            int count = Math.min(perWrite, repeat.times() - sent);
            byte[] batch = new byte[count * frameSize];
            for (int i = 0; i < count; i++) {
                System.arraycopy(encodings[(sent + i) % encodings.length], 0, batch, i * frameSize, frameSize);
            }
            try {
                if (!wire.writeFlood(batch, patience)) {
                    log.note("flood stopped after " + sent + " frames");
                    return false;
                }
            } catch (IOException e) {
                log.note("flood stopped after " + sent + " frames: " + e.getMessage());
                throw e;
            }
            sent += count;
        }
        log.note("flood sent: " + sent + " frames");
        return true;
    }

    private static void sendFrames(WireConnection wire, Step.Send send) throws IOException {
        if (send.writing() instanceof Step.Writing.PerFrame || send.writing() instanceof Step.Writing.Whole) {
            if (send.writing() instanceof Step.Writing.Whole && send.frames().size() > 1) {
                wire.write(wire.encode(send.frames()), send.frames().size() + " frames in one write");
                markCloseIfSent(wire, send.frames());
                return;
            }
            for (Frame frame : send.frames()) {
                wire.send(frame);
            }
            return;
        }
        write(wire, wire.encode(send.frames()), send.writing(), send.frames().toString());
        markCloseIfSent(wire, send.frames());
    }

    private static void markCloseIfSent(WireConnection wire, List<Frame> frames) throws IOException {
        // Frames written as raw bytes are already on the wire; only the close flag is recorded.
        if (frames.stream().anyMatch(frame -> frame.opcode() == 0x8)) {
            wire.noteCloseSent();
        }
    }

    private static void write(WireConnection wire, byte[] bytes, Step.Writing writing, String text) throws IOException {
        switch (writing) {
            case Step.Writing.Chops chops -> wire.writeChopped(bytes, chops.size(), text);
            case Step.Writing.Whole whole -> wire.write(bytes, text);
            case Step.Writing.PerFrame perFrame -> wire.write(bytes, text);
        }
    }

    /** Waits for the server's reaction and closes; tells whether the suite had to close for the server. */
    private static Deadline awaitEnd(ConformanceCase testCase, WireConnection wire, WireLog log)
            throws InterruptedException, IOException {
        Expectation expected = testCase.expectation();
        return switch (expected.afterSteps()) {
            case CLOSE_NORMALLY -> {
                long wanted = expected.events().stream().filter(e -> !(e instanceof Observed.Marker)).count();
                wire.awaitEvents((int) wanted, testCase.deadline());
                Observation seen = wire.observation();
                if (!seen.tcpClosed() && seen.closeReceived().isEmpty() && !seen.closeSent()) {
                    log.note("the suite starts the closing handshake");
                    wire.send(Frame.close(CloseStatus.NORMAL));
                }
                wire.awaitClose(CLOSE_TIMEOUT);
                awaitTcpClose(wire, log);
                yield Deadline.ENDED_IN_TIME;
            }
            case WAIT_FOR_SERVER_TO_CLOSE -> {
                if (wire.awaitTcpClosed(testCase.deadline())) {
                    yield Deadline.ENDED_IN_TIME;
                }
                if (wire.observation().closeReceived().isPresent()) {
                    // The server sent its Close and the suite answered: give it time to close TCP.
                    awaitTcpClose(wire, log);
                    yield Deadline.ENDED_IN_TIME;
                }
                log.note("the server did not close the connection within " + testCase.deadline().toMillis()
                        + " ms; the suite fails it (1001)");
                if (!wire.observation().closeSent()) {
                    wire.send(Frame.close(CloseStatus.of(CloseCode.GOING_AWAY)));
                }
                yield Deadline.SUITE_CLOSED_AT_DEADLINE;
            }
        };
    }

    private static void awaitTcpClose(WireConnection wire, WireLog log) throws InterruptedException, IOException {
        if (!wire.awaitTcpClosed(CLOSE_TIMEOUT)) {
            Observation seen = wire.observation();
            if (seen.closeSent() && seen.closeReceived().isPresent()) {
                wire.noteServerLeftTcpOpen();
            }
            log.note("the server did not close TCP within " + CLOSE_TIMEOUT.toMillis() + " ms; the suite closes it");
            wire.shutdownOutput();
        }
    }

    private static CaseResult failedToStart(ConformanceCase testCase, WireLog log, String why) {
        return new CaseResult(testCase, Verdict.FAILED, "the case could not start: " + why, Verdict.FAILED,
                "no connection", Observation.nothing(), log.entries(), log.elapsed());
    }
}
