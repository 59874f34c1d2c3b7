package dev.wslab.conformance.properties;

import dev.wslab.conformance.NettyEchoServer;
import dev.wslab.conformance.TestTiming;
import dev.wslab.conformance.UndertowEchoServer;
import dev.wslab.conformance.properties.BrokenCompressedConversation.Misuse;
import dev.wslab.conformance.wire.Target;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.server.Endpoints;
import dev.wslab.server.ReferenceServer;
import dev.wslab.server.WebSocketServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compressed properties (30.3, 30.4) hold for wslab's server, do not apply to a server that declines
 * compression, and fail, shrunk to a few frames, against real servers with permessage-deflate on: Undertow
 * 2.3 and Netty 4.1 both accept RSV1 on a continuation frame (RFC 7692 §6.1 says MUST fail), and Netty does
 * not echo a compressed message whose bytes come in frames of one byte.
 */
@DisplayName("property-based compressed conversations")
class CompressedPropertiesTest {

    private static final long SEED = 7692L;

    private static PropertyRunner.Options options(int examples) {
        return PropertyRunner.Options.of(examples, SEED).withShrinking(Duration.ofMillis(100), 10);
    }

    @Test
    void the_reference_server_keeps_both_compressed_properties() throws Exception {
        try (WebSocketServer server = ReferenceServer.start()) {
            for (Property property : new Property[] {Property.ECHOES_COMPRESSED_CONVERSATIONS,
                    Property.FAILS_BROKEN_COMPRESSED_CONVERSATIONS}) {
                PropertyResult result = PropertyRunner.check(property, target(server.uri("/")),
                        PropertyRunner.Options.of(60, SEED));
                assertThat(result.held()).as(result.report()).isTrue();
                assertThat(result.notApplicable()).isEmpty();
            }
        }
    }

    @Test
    void they_do_not_apply_to_a_server_that_declines_compression() throws Exception {
        try (WebSocketServer server = WebSocketServer.builder().port(0).defaultEndpoint(Endpoints.echo()).start()) {
            PropertyResult result = PropertyRunner.check(Property.ECHOES_COMPRESSED_CONVERSATIONS,
                    target(server.uri("/")), options(10));

            assertThat(result.held()).isTrue();
            assertThat(result.notApplicable()).hasValueSatisfying(why -> assertThat(why).contains("declined",
                    "RFC 7692 §5"));
            assertThat(result.summary()).contains("30.3", "not applicable");
            assertThat(PropertyRunner.report(java.util.List.of(result))).contains("(1 not applicable)");
        }
    }

    @Test
    void undertow_accepts_rsv1_on_a_continuation_shrunk_to_the_two_frames_and_saved_as_a_replayable_case(
            @TempDir Path reports) throws Exception {
        PropertyResult result;
        try (UndertowEchoServer undertow = UndertowEchoServer.deflating(6)) {
            result = PropertyRunner.check(Property.FAILS_BROKEN_COMPRESSED_CONVERSATIONS, target(undertow.uri()),
                    options(40).withReportDir(reports));
            System.out.println(result.report());
        }

        assertThat(result.held()).isFalse();
        PropertyResult.Counterexample shrunk = result.counterexample().orElseThrow();
        BrokenCompressedConversation broken = (BrokenCompressedConversation) shrunk.scenario();
        assertThat(broken.misuse()).isEqualTo(Misuse.CONTINUATION);
        assertThat(broken.conversation().messages()).isEmpty();
        assertThat(broken.conversation().offer()).isEqualTo(CompressedConversation.Offer.PLAIN);
        assertThat(broken.payload().length()).isZero(); // "" compresses to 00 (§7.2.3.6), cut as 0 + 1 bytes
        assertThat(shrunk.frames()).hasSize(2).allMatch(frame -> frame.rsv1());
        assertThat(shrunk.reason()).contains("observed [binary");
        Path saved = shrunk.savedTo().orElseThrow();
        assertThat(Files.readString(saved)).contains("\"offer\"", "\"rsv1\"", "CONTINUATION");

        try (UndertowEchoServer undertow = UndertowEchoServer.deflating(6);
             WebSocketServer reference = ReferenceServer.start()) {
            PropertyRunner.Replay onUndertow = PropertyRunner.replay(saved, target(undertow.uri()), Duration.ofMillis(100));
            PropertyRunner.Replay onReference = PropertyRunner.replay(saved, target(reference.uri("/")),
                    Duration.ofMillis(100));
            assertThat(onUndertow.held()).as(onUndertow.report()).isFalse();
            assertThat(onReference.held()).as(onReference.report()).isTrue();
            assertThat(onReference.result().observation().closeReceived()).hasValueSatisfying(status ->
                    assertThat(status.code().value()).isEqualTo(1002));
        }
    }

    @Test
    void netty_drops_a_compressed_message_cut_into_one_byte_frames_shrunk_to_one_short_message() throws Exception {
        PropertyResult result;
        try (NettyEchoServer netty = new NettyEchoServer(NettyEchoServer.Compression.PERMESSAGE_DEFLATE)) {
            result = PropertyRunner.check(Property.ECHOES_COMPRESSED_CONVERSATIONS, target(netty.uri()), options(40));
            System.out.println(result.report());
        }

        assertThat(result.held()).isFalse();
        PropertyResult.Counterexample shrunk = result.counterexample().orElseThrow();
        CompressedConversation conversation = (CompressedConversation) shrunk.scenario();
        assertThat(conversation.messages()).hasSize(1);
        assertThat(conversation.messages().getFirst().fragmentSize()).isPositive();
        assertThat(conversation.messages().getFirst().payload().length()).isLessThanOrEqualTo(16);
        assertThat(shrunk.frames()).hasSizeGreaterThan(1).first().satisfies(first -> {
            assertThat(first.rsv1()).isTrue();
            assertThat(first.opcode()).isIn(Opcode.TEXT.code(), Opcode.BINARY.code());
        });
        try (WebSocketServer reference = ReferenceServer.start()) {
            PropertyRunner.Replay onReference = PropertyRunner.replay(new CaseFile.Saved(
                    Property.ECHOES_COMPRESSED_CONVERSATIONS, conversation), target(reference.uri("/")), Duration.ofSeconds(1));
            assertThat(onReference.held()).as(onReference.report()).isTrue();
        }
    }

    @Test
    void netty_accepts_rsv1_on_a_continuation_too() throws Exception {
        PropertyResult result;
        try (NettyEchoServer netty = new NettyEchoServer(NettyEchoServer.Compression.PERMESSAGE_DEFLATE)) {
            result = PropertyRunner.check(Property.FAILS_BROKEN_COMPRESSED_CONVERSATIONS, target(netty.uri()), options(40));
            System.out.println(result.report());
        }

        assertThat(result.held()).isFalse();
        BrokenCompressedConversation broken = (BrokenCompressedConversation) result.counterexample().orElseThrow().scenario();
        assertThat(broken.misuse()).isEqualTo(Misuse.CONTINUATION);
        assertThat(broken.conversation().messages()).isEmpty();
    }

    private static Target target(String uri) {
        return Target.of(URI.create(uri)).withTimeScale(TestTiming.SCALE);
    }
}
