package dev.wslab.conformance.judge;

import java.time.Duration;

/**
 * EchoOutcome is how a stream of messages sent one after another, each after the previous echo (sections
 * 12 and 13), ended: every echo right, one wrong, the server stopping, or the time limit passing. The
 * closing is judged apart, as in every case; {@link EchoJudge} puts the two together.
 */
public sealed interface EchoOutcome {

    /** Every one of {@code messages} echoes came back as sent, in {@code took}. */
    record AllEchoed(int messages, Duration took) implements EchoOutcome {
    }

    /** The echo of message {@code index} (from 0) differs from it, as {@code difference} says. */
    record Mismatch(int index, String difference) implements EchoOutcome {
    }

    /** After {@code echoed} right echoes the stream stopped: the server closed, broke a rule, or TCP ended. */
    record Stopped(int echoed, String why) implements EchoOutcome {
    }

    /** Only {@code echoed} echoes came back within the case's time limit, {@code limit}. */
    record TooSlow(int echoed, Duration limit) implements EchoOutcome {
    }
}
