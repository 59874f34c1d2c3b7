package dev.wslab.protocol.connection;

import dev.wslab.protocol.Limits;
import dev.wslab.protocol.Role;
import dev.wslab.protocol.close.CloseCode;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.deflate.AgreedDeflate;
import dev.wslab.protocol.deflate.DeflateAgreement;
import dev.wslab.protocol.deflate.DeflateOptions;
import dev.wslab.protocol.deflate.DirectionSettings;
import dev.wslab.protocol.deflate.LiveCodecs;
import dev.wslab.protocol.frame.MaskingKeySource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Deflater and Inflater holds native zlib memory that the garbage collector does not see, about
 * 300 KiB for a deflater at the default level: a connection that forgets to end one leaks it. Here 100,000
 * compressed connections are opened and closed, a client and a server {@link Connection} talking to each
 * other in memory, a third of them on each way a connection ends. Over the real sockets the server
 * module's {@code CodecReleaseTest} does the same for fewer connections.
 */
@DisplayName("100,000 compressed connections opened and closed hold no codec afterwards, and native memory does not grow")
class CodecLifetimeTest {

    private static final int CONNECTIONS = 100_000;
    /** After this many, the allocator and the JIT have settled: native memory is measured from here. */
    private static final int WARM_UP = 10_000;
    /** 100,000 leaked deflaters would be tens of GB; what the allocator keeps in its pools is far below this. */
    private static final long MOST_GROWTH = 64L << 20;

    /** Both directions keep their context (the default): every connection holds all four codecs at once. */
    private static final AgreedDeflate AGREED = new AgreedDeflate(
            new DeflateAgreement(DirectionSettings.DEFAULT, DirectionSettings.DEFAULT),
            DeflateOptions.DEFAULTS.withMinimumSize(0));
    private static final Limits LIMITS = Limits.DEFAULTS.withMaxMessageSize(4096);
    private static final String GREETING = "compress me ".repeat(20);
    /** 64 KiB of one letter: a few hundred bytes compressed, past the 4 KiB limit inflated (RFC 7692 §8, 1009). */
    private static final String BOMB = "a".repeat(64 * 1024);

    private enum Ending { CLOSING_HANDSHAKE, FAILURE, TCP_DROP }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES) // a guard against a hang, not a timing target
    void noCodecIsHeldAndNativeMemoryDoesNotGrow() throws IOException {
        long before = LiveCodecs.count();
        Optional<Long> residentAfterWarmUp = Optional.empty();
        Ending[] endings = Ending.values();
        for (int i = 0; i < CONNECTIONS; i++) {
            if (i == WARM_UP) {
                residentAfterWarmUp = residentBytes();
            }
            Connection client = Connection.open(Role.CLIENT, LIMITS, MaskingKeySource.fixed(i), AGREED);
            Connection server = Connection.open(Role.SERVER, LIMITS, MaskingKeySource.fixed(0), AGREED);
            client.sendText(GREETING);
            server.receive(client.takeOutgoingBytes());
            assertThat(server.takeEvents()).contains(new Event.TextMessage(GREETING));
            server.sendText(GREETING);
            client.receive(server.takeOutgoingBytes());
            assertThat(client.takeEvents()).contains(new Event.TextMessage(GREETING));
            if (i == 0) {
                assertThat(LiveCodecs.count() - before).as("codecs held by one open connection, both ends").isEqualTo(4);
            }
            end(client, server, endings[i % endings.length]);
            assertThat(client.state()).isEqualTo(ConnectionState.CLOSED);
            assertThat(server.state()).isEqualTo(ConnectionState.CLOSED);
        }
        assertThat(LiveCodecs.count() - before).as("codecs still held after every connection closed").isZero();
        Optional<Long> residentAtEnd = residentBytes();
        if (residentAfterWarmUp.isPresent() && residentAtEnd.isPresent()) {
            assertThat(residentAtEnd.get() - residentAfterWarmUp.get())
                    .as("growth of resident memory outside the heap over the last 90,000 connections").isLessThan(MOST_GROWTH);
        }
    }

    private static void end(Connection client, Connection server, Ending ending) {
        switch (ending) {
            case CLOSING_HANDSHAKE -> {
                client.close(CloseStatus.NORMAL);
                server.receive(client.takeOutgoingBytes());
                client.receive(server.takeOutgoingBytes());
                client.receiveEof(); // the server closes TCP first (RFC 6455 §7.1.1)
                server.receiveEof();
                assertThat(client.takeEvents()).anySatisfy(event -> assertThat(event)
                        .isInstanceOfSatisfying(Event.Closed.class, closed -> assertThat(closed.cleanly()).isTrue()));
            }
            case FAILURE -> {
                client.sendText(BOMB);
                server.receive(client.takeOutgoingBytes());
                assertThat(server.takeEvents()).anySatisfy(event -> assertThat(event).isInstanceOf(Event.Failed.class));
                client.receive(server.takeOutgoingBytes());
                assertThat(client.takeEvents()).anySatisfy(event -> assertThat(event)
                        .isInstanceOfSatisfying(Event.CloseReceived.class,
                                close -> assertThat(close.status().code()).isEqualTo(CloseCode.MESSAGE_TOO_BIG)));
                client.takeOutgoingBytes(); // the client's answering Close, which the server no longer reads
                client.receiveEof();
                server.receiveEof();
            }
            case TCP_DROP -> {
                client.receiveEof();
                server.receiveEof();
            }
        }
    }

    /**
     * The process's resident memory outside the Java heap, where zlib's memory is: VmRSS (Linux, in
     * /proc/self/status) less the heap the JVM has committed, which grows as it likes.
     */
    private static Optional<Long> residentBytes() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            System.out.println("CodecLifetimeTest: no /proc/self/status here; only the codec count is checked");
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(status);
        return lines.stream().filter(line -> line.startsWith("VmRSS:"))
                .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024 - Runtime.getRuntime().totalMemory())
                .findFirst();
    }
}
