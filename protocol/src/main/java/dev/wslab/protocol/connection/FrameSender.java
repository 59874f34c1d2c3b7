package dev.wslab.protocol.connection;

import dev.wslab.protocol.Role;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.FrameEncoder;
import dev.wslab.protocol.frame.FrameHeader;
import dev.wslab.protocol.frame.MaskingKeySource;
import dev.wslab.protocol.frame.Payload;

import java.io.ByteArrayOutputStream;
import java.util.Objects;

/**
 * FrameSender turns the frames one end of a {@link Connection} sends into the bytes for the network,
 * masked as its role asks (RFC 6455 §5.3), and keeps them until the caller takes them.
 */
final class FrameSender {

    private final Role role;
    private final MaskingKeySource maskingKeys;
    private final ByteArrayOutputStream outgoing = new ByteArrayOutputStream();

    FrameSender(Role role, MaskingKeySource maskingKeys) {
        this.role = Objects.requireNonNull(role, "role");
        this.maskingKeys = Objects.requireNonNull(maskingKeys, "maskingKeys");
    }

    // tag::mask-by-role[]
    void send(Frame frame) {
        // RFC 6455 §5.3: a client masks every frame with a fresh, unpredictable key; a server never masks.
        Frame onTheWire = role.masksFrames() ? frame.maskedWith(maskingKeys.nextKey()) : frame;
        outgoing.writeBytes(FrameEncoder.encode(onTheWire));
    }
    // end::mask-by-role[]

    /** Returns the bytes sent since the last call; empty when there are none. */
    byte[] takeBytes() {
        byte[] bytes = outgoing.toByteArray();
        outgoing.reset();
        return bytes;
    }

    // tag::control-payload[]
    /** Checks the payload of a Ping or Pong the application asked to send. */
    static void requireControlPayload(Payload payload) {
        if (payload.length() > FrameHeader.MAX_7_BIT_LENGTH) {
            throw new IllegalArgumentException("a control frame's payload is at most 125 bytes (RFC 6455 §5.5), got "
                    + payload.length());
        }
    }
    // end::control-payload[]
}
