package dev.wslab.tutorials.closecodes;

import dev.wslab.protocol.Limits;
import dev.wslab.protocol.connection.ClientOpening;
import dev.wslab.protocol.connection.Connection;
import dev.wslab.protocol.connection.ConnectionState;
import dev.wslab.protocol.connection.Event;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.FrameEncoder;
import dev.wslab.protocol.frame.MaskingKeySource;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.protocol.frame.Payload;
import dev.wslab.protocol.handshake.ClientHandshake;
import dev.wslab.transport.Deadline;
import dev.wslab.transport.HandshakeDriver;
import dev.wslab.transport.HandshakeTap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * InvalidUtf8Client sends a text message that is not UTF-8, which no well-behaved client can do: the
 * wslab client (like a browser) takes a Java {@code String} and encodes it, and the encoder never makes
 * invalid UTF-8 (a lone surrogate becomes {@code ?}). Buggy clients still manage it, typically by slicing
 * a multi-byte character in two or by sending Latin-1 bytes as text. So this client does the handshake
 * with the protocol core, then writes the broken frame itself, and lets the core read the server's answer.
 */
public final class InvalidUtf8Client {

    private InvalidUtf8Client() {
    }

    /**
     * Opens a connection to {@code uri}, sends a text frame whose payload is {@code bytes}, and returns
     * what the client's connection reported until it closed (the Close frame received, then Closed).
     */
    // tag::send-bad-utf8[]
    public static List<Event> sendText(URI uri, byte[] bytes) throws IOException {
        SecureRandom random = new SecureRandom();
        ClientHandshake handshake = ClientHandshake.create(uri, random);
        ClientOpening opening = new ClientOpening(handshake, Limits.DEFAULTS, MaskingKeySource.secure());
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000); // a safety net: the server answers in milliseconds
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            // The opening handshake, read with a deadline by the same driver as the real client's.
            Connection connection = switch (HandshakeDriver.awaitResponse(socket, opening,
                    Deadline.after(Duration.ofSeconds(10)), HandshakeTap.NONE)) {
                case HandshakeDriver.Ended<ClientOpening.Outcome>(ClientOpening.Opened opened) -> opened.connection();
                case HandshakeDriver.Ended<ClientOpening.Outcome>(ClientOpening.Failed failed) ->
                        throw new IOException("handshake refused: " + failed.failure().message());
                case HandshakeDriver.TimedOut<ClientOpening.Outcome> timedOut ->
                        throw new IOException("the server did not answer the handshake within 10 s");
            };
            List<Event> events = new ArrayList<>(connection.takeEvents());
            byte[] buffer = new byte[4096];
            // The rule-breaking part: a masked TEXT frame (RFC 6455 §5.3) whose payload is not UTF-8.
            Frame broken = Frame.of(Opcode.TEXT, Payload.of(bytes)).maskedWith(random.nextInt());
            out.write(FrameEncoder.encode(broken));
            out.flush();
            // From here on the protocol core reads the server's answer, and replies to its Close frame.
            while (connection.state() != ConnectionState.CLOSED) {
                int count = in.read(buffer);
                if (count < 0) {
                    connection.receiveEof();
                } else {
                    connection.receive(Arrays.copyOf(buffer, count));
                }
                writeQuietly(out, connection.takeOutgoingBytes());
                events.addAll(connection.takeEvents());
            }
            return events;
        }
    }
    // end::send-bad-utf8[]

    private static void writeQuietly(OutputStream out, byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            // the server failed the connection and may have closed TCP already (§7.1.7): nothing to tell it
        }
    }
}
