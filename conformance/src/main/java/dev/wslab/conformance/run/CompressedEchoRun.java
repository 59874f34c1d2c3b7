package dev.wslab.conformance.run;

import dev.wslab.conformance.Observed;
import dev.wslab.conformance.deflate.CompressedEchoes;
import dev.wslab.conformance.deflate.CompressedSeries;
import dev.wslab.conformance.deflate.DataSet;
import dev.wslab.conformance.judge.EchoOutcome;
import dev.wslab.conformance.wire.Observation;
import dev.wslab.conformance.wire.WireConnection;
import dev.wslab.conformance.wire.WireLog;
import dev.wslab.protocol.frame.Opcode;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * CompressedEchoRun sends the messages of one case of sections 12 and 13 one after another, each once the
 * echo of the previous one arrived, and checks every echo as it comes ({@link EchoCheck}). It streams: each
 * echo is taken out of the observed events once checked, and the wire log keeps the first few messages
 * both ways in full, then counts frames and bytes. The messages are compressed once for every case that
 * sends them ({@link CompressedSeries}).
 */
final class CompressedEchoRun {

    /** How many messages, and their echoes, the wire log shows frame by frame before it summarises. */
    static final int MESSAGES_LOGGED_IN_FULL = 3;

    private CompressedEchoRun() {
    }

    /** Runs the stream on a connection where permessage-deflate was agreed, within {@code timeLimit}. */
    static EchoOutcome run(CompressedEchoes echoes, WireConnection wire, WireLog log, Duration timeLimit)
            throws InterruptedException {
        int windowBits = wire.deflate().orElseThrow(() -> new IllegalStateException("permessage-deflate not agreed"))
                .clientToServer().maxWindowBits();
        CompressedSeries series = CompressedSeries.of(echoes, windowBits);
        Opcode opcode = echoes.data().kind() == DataSet.MessageKind.TEXT ? Opcode.TEXT : Opcode.BINARY;
        log.note("sending " + echoes.messages() + " compressed messages of " + echoes.messageSize() + " bytes, each"
                + " after the previous echo, within " + timeLimit.toSeconds() + " s");
        long start = System.nanoTime();
        long deadline = start + timeLimit.toNanos();
        int echoed = 0;
        try {
            for (int i = 0; i < echoes.messages(); i++) {
                if (i == MESSAGES_LOGGED_IN_FULL) {
                    log.startSummary();
                }
                wire.sendPrecompressed(opcode, series.message(i), echoes.fragmentSize());
                Optional<Observed> echo = wire.takeMessage(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                if (echo.isEmpty()) {
                    return ended(wire.observation(), echoed, timeLimit, log);
                }
                Optional<String> difference = EchoCheck.difference(echoes, i, echo.get());
                if (difference.isPresent()) {
                    log.note("the echo of message " + (i + 1) + " differs from it: " + difference.get());
                    return new EchoOutcome.Mismatch(i, difference.get());
                }
                echoed++;
            }
            return new EchoOutcome.AllEchoed(echoed, Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException e) {
            log.note("could not send message " + (echoed + 1) + ": " + e.getMessage());
            return new EchoOutcome.Stopped(echoed, "the suite could not send message " + (echoed + 1) + ": "
                    + e.getMessage());
        } finally {
            log.endSummary();
        }
    }

    /** Tells why no echo came: the server ended the stream, or the time ran out. */
    private static EchoOutcome ended(Observation seen, int echoed, Duration timeLimit, WireLog log) {
        String why;
        if (seen.serverViolation().isPresent()) {
            why = "the server broke a rule: " + seen.serverViolation().get().message();
        } else if (seen.closeReceived().isPresent()) {
            why = "the server closed with " + seen.closeReceived().get();
        } else if (seen.tcpClosed()) {
            why = "the server closed the TCP connection without a Close frame";
        } else {
            log.note("only " + echoed + " echoes within the time limit of " + timeLimit.toSeconds() + " s");
            return new EchoOutcome.TooSlow(echoed, timeLimit);
        }
        log.note("after " + echoed + " echoes, " + why);
        return new EchoOutcome.Stopped(echoed, why);
    }
}
