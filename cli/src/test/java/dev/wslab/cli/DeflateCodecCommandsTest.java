package dev.wslab.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("./wslab encode --deflate and decode --deflate: permessage-deflate frames (RFC 7692 §7.2)")
class DeflateCodecCommandsTest {

    /**
     * RFC 7692 §7.2.3.1, "Hello" compressed in one unmasked frame: c1 = FIN, RSV1 (compressed, §6), opcode 1
     * (text); 07 = no mask, 7 bytes; f2 48 cd c9 c9 07 00 = one DEFLATE block with fixed Huffman codes for
     * "Hello", ended by a sync flush whose empty stored block's tail 00 00 ff ff was removed (§7.2.1).
     */
    private static final String HELLO = "c1 07 f2 48 cd c9 c9 07 00";

    /**
     * RFC 7692 §7.2.3.2, the same "Hello" sent again with context takeover: f2 00 11 00 00 = a block that
     * copies 5 bytes from 5 back, that is from the first message's window.
     */
    private static final String HELLO_AGAIN = "c1 05 f2 00 11 00 00";

    @Test
    @DisplayName("§7.2.3.1 encode --deflate writes the RFC's \"Hello\" byte for byte")
    void encodeWritesTheRfcExample() {
        CommandLineRunner result = CommandLineRunner.run("encode", "--text", "Hello", "--deflate");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().strip()).isEqualTo(HELLO);
    }

    @Test
    @DisplayName("§7.2.3.1 decode --deflate shows RSV1, the 7 bytes on the wire and the 5 they inflate to, and delivers \"Hello\"")
    void decodeInflatesTheRfcExample() {
        CommandLineRunner result = CommandLineRunner.run("decode", "--deflate", HELLO);

        assertThat(result.exitCode()).as(result.out()).isZero();
        assertThat(result.out())
                .contains("frame 1: FIN=1 RSV=100 opcode=0x1 (TEXT) MASK=0 length=7 f2 48 cd c9 c9 07 00 [7 bytes]"
                        + " inflated: \"Hello\" [5 bytes]")
                .contains("permessage-deflate agreed")
                .contains("text message: \"Hello\"");
    }

    @Test
    @DisplayName("what encode --deflate writes, decode --deflate reads back, masked as a client sends it too")
    void roundTrip() {
        String text = "permessage-deflate ".repeat(50);
        for (String[] mask : new String[][] {{}, {"--mask", "37fa213d"}}) {
            String[] args = mask.length == 0 ? new String[] {"encode", "--deflate", "--text", text}
                    : new String[] {"encode", "--deflate", "--text", text, mask[0], mask[1]};
            String frame = CommandLineRunner.run(args).out().strip();

            CommandLineRunner decoded = CommandLineRunner.run("decode", "--deflate", frame);

            assertThat(decoded.exitCode()).as(decoded.out()).isZero();
            assertThat(decoded.out()).contains("RSV=100").contains("inflated: \"permessage-deflate permessage-de...\" [950 bytes]")
                    .contains("text message: \"" + text + "\"");
            assertThat(frame.split(" ").length).as("950 bytes squeezed into a short frame").isLessThan(60);
        }
    }

    @Test
    @DisplayName("§7.2.2 with context takeover the second \"Hello\" refers to the first; without, it cannot be inflated (1007)")
    void contextTakeoverAcrossMessages() {
        CommandLineRunner kept = CommandLineRunner.run("decode", "--deflate", HELLO, HELLO_AGAIN);
        CommandLineRunner reset = CommandLineRunner.run("decode", "--deflate", "--deflate-no-context-takeover", HELLO, HELLO_AGAIN);

        assertThat(kept.exitCode()).as(kept.out()).isZero();
        assertThat(kept.out()).contains("frame 2: FIN=1 RSV=100 opcode=0x1 (TEXT) MASK=0 length=5 f2 00 11 00 00 [5 bytes]"
                + " inflated: \"Hello\" [5 bytes]");
        assertThat(kept.out().split("text message: \"Hello\"", -1)).hasSize(3); // delivered twice
        assertThat(reset.exitCode()).isEqualTo(1);
        assertThat(reset.out()).contains("frame 2: FIN=1 RSV=100").contains("cannot be inflated")
                .contains("FAILS the connection with 1007");
    }

    @Test
    @DisplayName("§6.1 encode --deflate --fragment-size sets RSV1 on the first frame only; decode inflates the whole message")
    void fragmented() {
        CommandLineRunner encoded = CommandLineRunner.run("encode", "--text", "Hello", "--deflate", "--fragment-size", "3");

        // 41 = RSV1, text, not final; 00 = continuation, not final, RSV1 clear; 80 = continuation, final.
        // The payloads are the 7 bytes of HELLO's: f2 48 cd | c9 c9 07 | 00.
        assertThat(encoded.out().lines()).containsExactly("41 03 f2 48 cd", "00 03 c9 c9 07", "80 01 00");
        CommandLineRunner decoded = CommandLineRunner.run("decode", "--deflate", encoded.out());
        assertThat(decoded.exitCode()).as(decoded.out()).isZero();
        assertThat(decoded.out()).contains("frame 1: FIN=0 RSV=100 opcode=0x1 (TEXT)")
                .contains("frame 2: FIN=0 RSV=000 opcode=0x0 (CONTINUATION)")
                .containsPattern("frame 3: FIN=1 RSV=000 opcode=0x0 \\(CONTINUATION\\) .* message inflated to 5 bytes")
                .contains("text message: \"Hello\"");
    }

    @Test
    @DisplayName("without --deflate, RSV1 means no extension was negotiated: 1002 (RFC 6455 §5.2)")
    void withoutTheFlag() {
        CommandLineRunner result = CommandLineRunner.run("decode", HELLO);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("FAILS the connection with 1002").doesNotContain("inflated");
    }

    @Test
    void badDeflateOptionsAreOneLine() {
        String[][] commands = {
                {"encode", "--text", "x", "--deflate", "--deflate-level", "12"},
                {"encode", "--text", "x", "--deflate-level", "3"},
                {"encode", "--text", "x", "--deflate", "--deflate-level", "max"},
                {"encode", "--text", "x", "--deflate", "--fragment-size", "0"},
                {"encode", "--text", "x", "--deflate-window", "9"},
                {"decode", "--deflate-no-context-takeover", HELLO},
                {"decode", "--deflate-bits", "9", HELLO}};
        for (String[] args : commands) {
            CommandLineRunner result = CommandLineRunner.run(args);
            String what = String.join(" ", args);
            assertThat(result.exitCode()).as(what).isIn(1, 2);
            assertThat(result.err()).as(what).startsWith("wslab: ").hasLineCount(1).containsPattern("--(deflate|fragment)")
                    .doesNotContain("Exception", "\tat ");
        }
    }
}
