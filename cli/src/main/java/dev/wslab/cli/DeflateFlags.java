package dev.wslab.cli;

import dev.wslab.protocol.deflate.ContextTakeover;
import dev.wslab.protocol.deflate.DeflateOptions;
import picocli.CommandLine.Option;

import java.util.Optional;

/**
 * The permessage-deflate flags (RFC 7692) that {@code serve} and {@code connect} share: compression is on
 * unless {@code --no-deflate}; the others tune it. {@code serve} accepts a client's offer, {@code connect} makes one.
 */
final class DeflateFlags {

    @Option(names = "--no-deflate", description = "turn permessage-deflate compression (RFC 7692) off (default: on)")
    boolean off;

    @Option(names = "--deflate-no-context-takeover",
            description = "agree on no_context_takeover both ways: each message compressed on its own,"
                    + " less memory per connection, larger messages (RFC 7692 §7.1.1)")
    boolean noContextTakeover;

    @Option(names = "--deflate-level", paramLabel = "0-9",
            description = "the DEFLATE level: 0 stores, 1 is fastest, 9 smallest (default: zlib's 6)")
    Integer level;

    @Option(names = "--deflate-threshold", paramLabel = "BYTES",
            description = "messages shorter than this are sent uncompressed (default: "
                    + "1024; 0 compresses every message)")
    Integer threshold;

    /** Returns what is wrong with the flags, or null. */
    String problem() {
        if (level != null && (level < 0 || level > 9)) {
            return "--deflate-level must be 0-9, got " + level;
        }
        if (threshold != null && threshold < 0) {
            return "--deflate-threshold must be 0 or more bytes, got " + threshold;
        }
        if (off && (noContextTakeover || level != null || threshold != null)) {
            String tuning = noContextTakeover ? "--deflate-no-context-takeover"
                    : level != null ? "--deflate-level" : "--deflate-threshold";
            return "--no-deflate turns compression off; it does not go with " + tuning;
        }
        return null;
    }

    /** The compression to use, or empty for {@code --no-deflate}; call once {@link #problem()} is null. */
    Optional<DeflateOptions> options() {
        if (off) {
            return Optional.empty();
        }
        DeflateOptions options = DeflateOptions.DEFAULTS;
        if (noContextTakeover) {
            options = options.withOwnContext(ContextTakeover.RESET);
        }
        if (level != null) {
            options = options.withCompressionLevel(level);
        }
        if (threshold != null) {
            options = options.withMinimumSize(threshold);
        }
        return Optional.of(options);
    }
}
