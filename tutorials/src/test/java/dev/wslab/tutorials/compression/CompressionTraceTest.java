package dev.wslab.tutorials.compression;

import dev.wslab.protocol.deflate.ContextTakeover;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The traces the Compression page walks through, recorded from wslab's client and server: the lines the page
 * shows are the ones asserted here. Payloads are printed unmasked, in hex, as they crossed the wire, each
 * compressed one followed by what it inflated to.
 */
@DisplayName("Compression traces: negotiation, RSV1, the removed tail, context takeover, the empty message")
class CompressionTraceTest {

    @Test
    @DisplayName("context takeover: the second \"Hello\" is 5 bytes, a reference back into the first (RFC 7692 §7.2.3.2)")
    void withContextTakeover() throws Exception {
        List<String> trace = CompressionTrace.record(ContextTakeover.KEPT);
        System.out.println(String.join("\n", trace));
        // tag::takeover[]
        assertThat(trace).containsSubsequence(
                "> GET /echo HTTP/1.1",
                "> Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits",   // the offer
                "< HTTP/1.1 101 Switching Protocols",
                "< Sec-WebSocket-Extensions: permessage-deflate",        // accepted: context kept, 15 bits
                // "Hello": RSV1 set, f2 48 cd c9 c9 07 00 is RFC 7692 §7.2.3.1 (00 00 ff ff removed)
                "> FIN=1 RSV=100 opcode=0x1 (TEXT) MASK=1 length=7 f2 48 cd c9 c9 07 00 [7 bytes]"
                        + " inflated: \"Hello\" [5 bytes]",
                "< FIN=1 RSV=100 opcode=0x1 (TEXT) MASK=0 length=7 f2 48 cd c9 c9 07 00 [7 bytes]"
                        + " inflated: \"Hello\" [5 bytes]",
                // "Hello" again: "5 bytes back, copy 5" into the window the first one left (§7.2.3.2)
                "> FIN=1 RSV=100 opcode=0x1 (TEXT) MASK=1 length=5 f2 00 11 00 00 [5 bytes]"
                        + " inflated: \"Hello\" [5 bytes]",
                "< FIN=1 RSV=100 opcode=0x1 (TEXT) MASK=0 length=5 f2 00 11 00 00 [5 bytes]"
                        + " inflated: \"Hello\" [5 bytes]",
                // "": one empty stored block with its tail removed (§7.2.3.6)
                "> FIN=1 RSV=100 opcode=0x1 (TEXT) MASK=1 length=1 00 [1 byte] inflated: \"\" [0 bytes]",
                "< FIN=1 RSV=100 opcode=0x1 (TEXT) MASK=0 length=1 00 [1 byte] inflated: \"\" [0 bytes]",
                // control frames are never compressed (§6.1)
                "> FIN=1 RSV=000 opcode=0x8 (CLOSE) MASK=1 length=2 1000 (Normal Closure)");
        // end::takeover[]
    }

    @Test
    @DisplayName("no context takeover: both directions agreed, and the second \"Hello\" costs 7 bytes again")
    void withoutContextTakeover() throws Exception {
        List<String> trace = CompressionTrace.record(ContextTakeover.RESET);
        System.out.println(String.join("\n", trace));
        // tag::no-takeover[]
        assertThat(trace).containsSubsequence(
                "> Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover;"
                        + " client_no_context_takeover; client_max_window_bits",
                "< Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover; client_no_context_takeover",
                "> FIN=1 RSV=100 opcode=0x1 (TEXT) MASK=1 length=7 f2 48 cd c9 c9 07 00 [7 bytes]"
                        + " inflated: \"Hello\" [5 bytes]",
                "< FIN=1 RSV=100 opcode=0x1 (TEXT) MASK=0 length=7 f2 48 cd c9 c9 07 00 [7 bytes]"
                        + " inflated: \"Hello\" [5 bytes]",
                // each message starts from an empty window: the same 7 bytes, no reference back
                "> FIN=1 RSV=100 opcode=0x1 (TEXT) MASK=1 length=7 f2 48 cd c9 c9 07 00 [7 bytes]"
                        + " inflated: \"Hello\" [5 bytes]",
                "< FIN=1 RSV=100 opcode=0x1 (TEXT) MASK=0 length=7 f2 48 cd c9 c9 07 00 [7 bytes]"
                        + " inflated: \"Hello\" [5 bytes]");
        // end::no-takeover[]
    }
}
