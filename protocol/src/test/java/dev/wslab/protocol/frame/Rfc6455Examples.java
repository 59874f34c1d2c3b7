package dev.wslab.protocol.frame;

import java.util.HexFormat;

/** The example frames of RFC 6455 §5.7, byte for byte. */
final class Rfc6455Examples {

    private Rfc6455Examples() {
    }

    // tag::examples[]
    /** A single-frame unmasked text message containing "Hello". */
    static final byte[] UNMASKED_TEXT_HELLO = hex("81 05 48 65 6c 6c 6f"); // FIN text, unmasked, length 5, "Hello"
    /** A single-frame masked text message containing "Hello" (key 37 fa 21 3d). */
    static final byte[] MASKED_TEXT_HELLO = hex("81 85 37 fa 21 3d 7f 9f 4d 51 58"); // FIN text, masked, length 5, key 37fa213d, "Hello" masked
    /** A fragmented unmasked text message: the first fragment "Hel". */
    static final byte[] FRAGMENT_HEL = hex("01 03 48 65 6c"); // text, FIN clear, unmasked, length 3, "Hel"
    /** A fragmented unmasked text message: the final fragment "lo". */
    static final byte[] FRAGMENT_LO = hex("80 02 6c 6f"); // FIN continuation, unmasked, length 2, "lo"
    /** An unmasked Ping request with a body of "Hello". */
    static final byte[] UNMASKED_PING_HELLO = hex("89 05 48 65 6c 6c 6f"); // FIN Ping, unmasked, length 5, "Hello"
    /** A masked Ping response (a Pong) with a body of "Hello", matching the body of the Ping. */
    static final byte[] MASKED_PONG_HELLO = hex("8a 85 37 fa 21 3d 7f 9f 4d 51 58"); // FIN Pong, masked, length 5, key 37fa213d, "Hello" masked
    /** The header of 256 bytes of binary data in a single unmasked frame. */
    static final byte[] BINARY_256_HEADER = hex("82 7e 01 00"); // FIN binary, unmasked, 16-bit length 256
    /** The header of 64 KiB of binary data in a single unmasked frame. */
    static final byte[] BINARY_64K_HEADER = hex("82 7f 00 00 00 00 00 01 00 00"); // FIN binary, unmasked, 64-bit length 65536
    // end::examples[]
    /** The masking key of the masked examples. */
    static final int EXAMPLE_KEY = 0x37fa213d;

    static byte[] hex(String spacedHex) {
        return HexFormat.ofDelimiter(" ").parseHex(spacedHex);
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int position = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, position, part.length);
            position += part.length;
        }
        return all;
    }

    static byte[] pattern(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }
}
