package dev.wslab.protocol.deflate;

/**
 * What permessage-deflate did on one connection so far, each way: how many messages went compressed
 * (RSV1, RFC 7692 §6), and their bytes before and after compression. Messages sent or received
 * uncompressed are not counted. For metrics: {@link #minus} gives what happened since an earlier look.
 *
 * @param sent     the messages this endpoint compressed and sent
 * @param received the compressed messages this endpoint received and inflated
 */
public record DeflateTotals(Flow sent, Flow received) {

    /** Nothing compressed either way. */
    public static final DeflateTotals NONE = new DeflateTotals(Flow.NONE, Flow.NONE);

    /**
     * One direction's compressed messages.
     *
     * @param messages          how many
     * @param uncompressedBytes their bytes before compression (sent) or after inflation (received)
     * @param compressedBytes   their payload bytes on the wire, frame headers not included
     */
    public record Flow(long messages, long uncompressedBytes, long compressedBytes) {

        public static final Flow NONE = new Flow(0, 0, 0);

        public Flow minus(Flow earlier) {
            return new Flow(messages - earlier.messages, uncompressedBytes - earlier.uncompressedBytes,
                    compressedBytes - earlier.compressedBytes);
        }
    }

    /** Returns what happened since {@code earlier}, a look at the same connection. */
    public DeflateTotals minus(DeflateTotals earlier) {
        return new DeflateTotals(sent.minus(earlier.sent), received.minus(earlier.received));
    }
}
