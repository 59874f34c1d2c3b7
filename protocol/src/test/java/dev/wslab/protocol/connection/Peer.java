package dev.wslab.protocol.connection;

import dev.wslab.protocol.Role;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.FrameEncoder;
import dev.wslab.protocol.frame.FrameReader;

import java.io.ByteArrayOutputStream;
import java.util.List;

/** The other end of a connection under test: encodes frames as that end sends them, reads what it receives. */
final class Peer {

    private static final int PEER_KEY = 0x12345678;

    private final Role role;

    private Peer(Role role) {
        this.role = role;
    }

    /** The peer of a connection with the given role. */
    static Peer of(Connection connection) {
        return new Peer(connection.role().peer());
    }

    /** Returns the bytes of these frames as this peer sends them: masked if it is a client. */
    byte[] send(Frame... frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Frame frame : frames) {
            out.writeBytes(FrameEncoder.encode(role.masksFrames() ? frame.maskedWith(PEER_KEY) : frame));
        }
        return out.toByteArray();
    }

    /** Decodes what the connection sent, as this peer receives it. */
    static List<Frame> framesSentBy(Connection connection) {
        return FrameReader.readAll(connection.takeOutgoingBytes(), 1 << 24);
    }
}
