package dev.wslab.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("./wslab")
class MainTest {

    @Test
    void helpListsTheSubcommands() {
        CommandLineRunner result = CommandLineRunner.run("--help");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("decode", "encode", "accept-key");
    }

    @Test
    void anUnknownSubcommandIsOneLineAndExitCode2() {
        CommandLineRunner result = CommandLineRunner.run("bogus");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("wslab: ").contains("bogus").doesNotContain("Exception", "\tat ");
    }

    @Nested
    @DisplayName("decode")
    class Decode {

        @Test
        @DisplayName("§5.7 a masked \"Hello\" is shown field by field and delivered by a server")
        void rfcExample() {
            CommandLineRunner result = CommandLineRunner.run("decode", "81 85 37 fa 21 3d 7f 9f 4d 51 58");
            assertThat(result.exitCode()).isZero();
            assertThat(result.out())
                    .contains("frame 1: FIN=1 RSV=000 opcode=0x1 (TEXT) MASK=1 length=5 \"Hello\" [5 bytes]")
                    .contains("masking key: 37fa213d")
                    .contains("As received by a server")
                    .contains("text message: \"Hello\"");
        }

        @Test
        @DisplayName("§5.1 an unmasked frame received by a server fails the connection with 1002")
        void unmaskedFrameToAServer() {
            CommandLineRunner result = CommandLineRunner.run("decode", "--receiver", "server", "810268 69");
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.out()).contains("FAILS the connection with 1002").contains("§5.1")
                    .contains("replies with CLOSE 1002");
        }

        @Test
        @DisplayName("§5.2 a 64-bit length with the top bit set cannot be decoded")
        void mostSignificantBit() {
            CommandLineRunner result = CommandLineRunner.run("decode", "82 7f 80 00 00 00 00 00 00 00");
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.out()).contains("cannot be decoded").contains("most significant bit");
        }

        @Test
        void bytesEndingInsideAFrameAreReported() {
            CommandLineRunner result = CommandLineRunner.run("decode", "81 05 48 65");
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.out()).contains("the bytes end inside frame 1");
        }

        @Test
        void badHexIsOneLineAndExitCode2() {
            CommandLineRunner result = CommandLineRunner.run("decode", "8x");
            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.err().strip()).isEqualTo("wslab: 'x' is not a hex digit (expected bytes like '81 05 48 65')");
            assertThat(result.err().lines()).hasSize(1);
        }
    }

    @Nested
    @DisplayName("encode")
    class Encode {

        @Test
        @DisplayName("§5.7 the masked \"Hello\" example")
        void rfcExample() {
            CommandLineRunner result = CommandLineRunner.run("encode", "--text", "Hello", "--mask", "37fa213d");
            assertThat(result.out().strip()).isEqualTo("81 85 37 fa 21 3d 7f 9f 4d 51 58");
        }

        @Test
        void ruleBreakingFramesOnRequest() {
            CommandLineRunner result = CommandLineRunner.run("encode", "--hex", "", "--opcode", "0xB", "--rsv", "101", "--not-final");
            assertThat(result.out().strip()).isEqualTo("5b 00");
        }

        @Test
        void aBadOpcodeIsOneLine() {
            CommandLineRunner result = CommandLineRunner.run("encode", "--text", "x", "--opcode", "99");
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).startsWith("wslab: --opcode takes").doesNotContain("Exception");
        }
    }

    @Test
    @DisplayName("accept-key: §1.3's example")
    void acceptKey() {
        CommandLineRunner result = CommandLineRunner.run("accept-key", "dGhlIHNhbXBsZSBub25jZQ==");
        assertThat(result.out().strip()).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
        assertThat(result.err()).isEmpty();
    }
}
