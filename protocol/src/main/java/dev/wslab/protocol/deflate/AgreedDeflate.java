package dev.wslab.protocol.deflate;

import java.util.Objects;

/**
 * Compression as one endpoint uses it on a connection: what both sides agreed in the opening handshake, and
 * this endpoint's own options for what it sends (level, the size below which it does not compress).
 *
 * @param agreement what was agreed for each direction (RFC 7692 §7.1)
 * @param options   how this endpoint compresses the messages it sends
 */
public record AgreedDeflate(DeflateAgreement agreement, DeflateOptions options) {

    public AgreedDeflate {
        Objects.requireNonNull(agreement, "agreement");
        Objects.requireNonNull(options, "options");
    }
}
