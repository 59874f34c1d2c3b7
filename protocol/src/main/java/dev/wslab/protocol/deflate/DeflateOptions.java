package dev.wslab.protocol.deflate;

import java.util.Objects;
import java.util.zip.Deflater;

/**
 * How an endpoint uses permessage-deflate when it is agreed.
 *
 * @param compressionLevel  the DEFLATE level, 0 (stored) to 9 (smallest), or -1 for zlib's default (6)
 * @param minimumSize       messages shorter than this many bytes are sent uncompressed (RSV1 clear, RFC 7692
 *                          §6: compression is chosen per message); small messages rarely shrink
 * @param ownContext        {@link ContextTakeover#RESET} to ask for {@code no_context_takeover} in both
 *                          directions: no window held between messages, less memory per connection, worse ratios
 */
public record DeflateOptions(int compressionLevel, int minimumSize, ContextTakeover ownContext) {

    /** zlib's default level, a 1 KiB threshold (like node's ws) and context takeover. */
    public static final DeflateOptions DEFAULTS = new DeflateOptions(Deflater.DEFAULT_COMPRESSION, 1024, ContextTakeover.KEPT);

    public DeflateOptions {
        if (compressionLevel < -1 || compressionLevel > 9) {
            throw new IllegalArgumentException("the compression level is -1 (default) or 0 to 9, got " + compressionLevel);
        }
        if (minimumSize < 0) {
            throw new IllegalArgumentException("the minimum size to compress is 0 or more bytes, got " + minimumSize);
        }
        Objects.requireNonNull(ownContext, "ownContext");
    }

    public DeflateOptions withCompressionLevel(int level) {
        return new DeflateOptions(level, minimumSize, ownContext);
    }

    public DeflateOptions withMinimumSize(int bytes) {
        return new DeflateOptions(compressionLevel, bytes, ownContext);
    }

    public DeflateOptions withOwnContext(ContextTakeover context) {
        return new DeflateOptions(compressionLevel, minimumSize, context);
    }
}
