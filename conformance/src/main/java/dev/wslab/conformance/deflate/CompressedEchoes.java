package dev.wslab.conformance.deflate;

import java.time.Duration;
import java.util.Objects;

/**
 * CompressedEchoes is what one case of Autobahn's sections 12 and 13 does: offer permessage-deflate with
 * {@code offer} (the whole Sec-WebSocket-Extensions value, one or more offers in order of preference,
 * RFC 7692 §5), then send {@code messages} compressed messages one after another, each a slice of
 * {@code data} of {@code messageSize} bytes, its compressed bytes cut into frames of {@code fragmentSize}
 * (0: one frame), and check that every echo has the same type, length and content.
 *
 * @param id          Autobahn's id, e.g. {@code 13.3.11}
 * @param description what the case does, in Autobahn's terms
 * @param data        where the messages come from, and whether they are text or binary
 * @param offer       the Sec-WebSocket-Extensions value the suite sends
 * @param messageSize the uncompressed size of each message, in bytes
 * @param fragmentSize the largest compressed payload of one frame; 0: each message in one frame
 * @param messages    how many messages, each sent when the previous echo has arrived
 * @param timeLimit   how long all the echoes may take, as Autobahn allows
 */
public record CompressedEchoes(String id, String description, DataSet data, String offer, int messageSize,
                               int fragmentSize, int messages, Duration timeLimit) {

    public CompressedEchoes {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(offer, "offer");
        Objects.requireNonNull(timeLimit, "timeLimit");
        if (messageSize < 1 || fragmentSize < 0 || messages < 1) {
            throw new IllegalArgumentException("messageSize and messages must be 1 or more, fragmentSize 0 or more;"
                    + " got " + messageSize + ", " + fragmentSize + ", " + messages);
        }
    }

    /** Returns the {@code index}-th message (from 0): consecutive slices of the data set, wrapping at its end. */
    public byte[] message(int index) {
        return data.slice((long) index * messageSize, messageSize);
    }
}
