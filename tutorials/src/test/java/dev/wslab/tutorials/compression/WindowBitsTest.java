package dev.wslab.tutorials.compression;

import dev.wslab.protocol.deflate.ContextTakeover;
import dev.wslab.protocol.deflate.DeflateAgreement;
import dev.wslab.protocol.deflate.DeflateOptions;
import dev.wslab.protocol.deflate.DirectionSettings;
import dev.wslab.protocol.deflate.MessageDeflater;
import dev.wslab.protocol.deflate.PerMessageDeflate;
import dev.wslab.protocol.extension.Extension;
import dev.wslab.protocol.extension.ExtensionHeaderParser;
import dev.wslab.protocol.extension.ParsedExtensions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.Deflater;

import static org.assertj.core.api.Assertions.assertThat;

/** What wslab's server answers to window sizes and context parameters, and what the JDK lets it do about them. */
@DisplayName("Window bits and context parameters: the server's answers")
class WindowBitsTest {

    private static String answer(String offerHeader) {
        List<Extension> offers = ((ParsedExtensions.Parsed) ExtensionHeaderParser.parse(offerHeader)).extensions();
        return PerMessageDeflate.answer(offers, DeflateOptions.DEFAULTS).responseElement()
                .map(Extension::toHeaderValue).orElse("(declined: no permessage-deflate in the response)");
    }

    @Test
    @DisplayName("server_max_window_bits=10 is accepted and echoed; client_max_window_bits is never sent back")
    void answers() {
        // tag::answers[]
        assertThat(answer("permessage-deflate; client_max_window_bits"))   // Chrome's offer
                .isEqualTo("permessage-deflate");
        assertThat(answer("permessage-deflate"))                           // Firefox's offer
                .isEqualTo("permessage-deflate");
        assertThat(answer("permessage-deflate; server_max_window_bits=10"))
                .isEqualTo("permessage-deflate; server_max_window_bits=10"); // honoured: Huffman codes only
        assertThat(answer("permessage-deflate; server_no_context_takeover"))
                .isEqualTo("permessage-deflate; server_no_context_takeover");
        assertThat(answer("permessage-deflate; client_no_context_takeover"))
                .isEqualTo("permessage-deflate; client_no_context_takeover"); // the server forgets its inflater too
        assertThat(answer("permessage-deflate; server_max_window_bits=16, permessage-deflate"))
                .isEqualTo("permessage-deflate");                  // 16 is invalid: declined, the next offer taken
        // end::answers[]
    }

    @Test
    @DisplayName("below 15 bits the deflater makes no back-references: repeated text no longer shrinks much")
    void narrowWindowMeansHuffmanOnly() {
        byte[] text = "{\"user\": \"ana\", \"text\": \"hello\"} ".repeat(100).getBytes(StandardCharsets.US_ASCII);
        // tag::huffman[]
        byte[] window15 = compress(text, 15);   // LZ77 + Huffman: the repetitions become references
        byte[] window10 = compress(text, 10);   // Huffman only: every byte coded, none referenced
        assertThat(text).hasSize(3300);
        assertThat(window15.length).isLessThan(100);
        assertThat(window10.length).isBetween(text.length / 3, text.length); // about half
        // end::huffman[]
        System.out.printf("3300 bytes: %d compressed with a 15-bit window, %d with server_max_window_bits=10%n",
                window15.length, window10.length);
    }

    private static byte[] compress(byte[] message, int windowBits) {
        try (MessageDeflater deflater = new MessageDeflater(new DirectionSettings(ContextTakeover.KEPT, windowBits),
                Deflater.DEFAULT_COMPRESSION)) {
            return deflater.compress(message);
        }
    }

    @Test
    @DisplayName("the agreement says per direction what was agreed")
    void perDirection() {
        DeflateAgreement agreement = PerMessageDeflate.answer(List.of(Extension.of("permessage-deflate")),
                DeflateOptions.DEFAULTS.withOwnContext(ContextTakeover.RESET)).agreement().orElseThrow();
        assertThat(agreement.serverToClient().context()).isEqualTo(ContextTakeover.RESET);
        assertThat(agreement.clientToServer().context()).isEqualTo(ContextTakeover.RESET);
        assertThat(agreement.toResponse().toHeaderValue())
                .isEqualTo("permessage-deflate; server_no_context_takeover; client_no_context_takeover");
    }
}
