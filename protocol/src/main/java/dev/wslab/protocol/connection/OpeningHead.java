package dev.wslab.protocol.connection;

import dev.wslab.protocol.http.HttpHeadException;
import dev.wslab.protocol.http.HttpHeadParser;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * OpeningHead is what {@link ClientOpening} and {@link ServerOpening} share: the one HTTP head of an opening
 * handshake read from bytes split in any way, and the one outcome it comes to, after which the opening
 * takes no more bytes.
 *
 * @param <H> the head read: the request or the response
 * @param <O> the opening's outcome
 */
final class OpeningHead<H, O> {

    private final HttpHeadParser<H> parser;
    private O outcome;

    OpeningHead(HttpHeadParser<H> parser) {
        this.parser = parser;
    }

    /**
     * Reads head bytes from {@code bytes}.
     *
     * @param whenComplete makes the outcome of the complete head and the bytes after it in {@code bytes}
     * @param whenRefused makes the outcome of bytes that are not a valid head
     * @return the outcome, once; empty while more bytes are needed
     */
    Optional<O> receive(ByteBuffer bytes, BiFunction<H, ByteBuffer, O> whenComplete,
                        Function<HttpHeadException, O> whenRefused) {
        requireNoOutcome();
        Optional<H> head;
        try {
            head = parser.feed(bytes);
        } catch (HttpHeadException e) {
            return Optional.of(end(whenRefused.apply(e)));
        }
        return head.map(complete -> end(whenComplete.apply(complete, bytes)));
    }

    /** Ends the opening with {@code ended}, the outcome of the transport closing before the head was complete. */
    <E extends O> E receiveEof(E ended) {
        requireNoOutcome();
        end(ended);
        return ended;
    }

    /** Returns the outcome, once there is one. */
    Optional<O> outcome() {
        return Optional.ofNullable(outcome);
    }

    private O end(O ended) {
        outcome = ended;
        return ended;
    }

    private void requireNoOutcome() {
        if (outcome != null) {
            throw new IllegalStateException("the opening handshake already ended: " + outcome);
        }
    }
}
