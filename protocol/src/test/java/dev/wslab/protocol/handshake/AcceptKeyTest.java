package dev.wslab.protocol.handshake;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("RFC 6455 §4.2.2: Sec-WebSocket-Accept")
class AcceptKeyTest {

    // tag::rfc-example[]
    @Test
    @DisplayName("§1.3: the example key gives the example accept value")
    void theRfcExampleKeyGivesTheRfcExampleAccept() {
        assertThat(AcceptKey.of("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }
    // end::rfc-example[]

    @Test
    @DisplayName("§4.2.2: the accept value is the base64 of the SHA-1 bytes printed in the RFC")
    void theAcceptIsTheBase64OfTheSha1PrintedInTheRfc() {
        byte[] sha1 = HexFormat.of().parseHex("b37a4f2cc0624f1690f64606cf385945b2bec4ea"); // the 20-byte SHA-1 that §4.2.2 prints
        assertThat(Base64.getDecoder().decode(AcceptKey.of("dGhlIHNhbXBsZSBub25jZQ=="))).isEqualTo(sha1);
    }

    @Test
    @DisplayName("§4.2.2: the key is hashed as the string sent, not base64-decoded")
    void theKeyIsHashedAsTheStringSent() {
        // Both strings decode to the same 16 bytes; only the last char's unused bits differ.
        assertThat(Base64.getDecoder().decode("AQIDBAUGBwgJCgsMDQ4PEC=="))
                .isEqualTo(Base64.getDecoder().decode("AQIDBAUGBwgJCgsMDQ4PEA=="));
        assertThat(AcceptKey.of("AQIDBAUGBwgJCgsMDQ4PEC==")).isNotEqualTo(AcceptKey.of("AQIDBAUGBwgJCgsMDQ4PEA=="));
    }

    @Test
    void theGuidIsTheOneFixedByTheRfc() {
        assertThat(AcceptKey.GUID).isEqualTo("258EAFA5-E914-47DA-95CA-C5AB0DC85B11");
    }
}
