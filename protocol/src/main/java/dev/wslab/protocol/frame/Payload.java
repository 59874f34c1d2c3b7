package dev.wslab.protocol.frame;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Payload is an immutable sequence of bytes: the application data of a frame or a binary message.
 *
 * <p>Unlike a bare {@code byte[]} in a record, two payloads with the same bytes are equal, and nobody
 * can change a payload after it was made. {@link #toString()} shows a short preview, as text when the
 * bytes look like text, so that logs and test failures are readable.
 */
public final class Payload {

    /** The payload of no bytes. */
    public static final Payload EMPTY = new Payload(new byte[0]);

    private static final int PREVIEW_BYTES = 32;

    private final byte[] bytes;

    private Payload(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Returns a payload holding a copy of the given bytes. */
    public static Payload of(byte... bytes) {
        return bytes.length == 0 ? EMPTY : new Payload(bytes.clone());
    }

    /** Returns a payload holding a copy of {@code length} bytes of {@code bytes} from {@code offset}. */
    public static Payload of(byte[] bytes, int offset, int length) {
        return length == 0 ? EMPTY : new Payload(Arrays.copyOfRange(bytes, offset, offset + length));
    }

    /** Returns a payload holding the UTF-8 encoding of {@code text}. */
    public static Payload utf8(String text) {
        return wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Returns a payload holding the bytes written as hex digits, e.g. {@code "7f9f4d5158"}. */
    public static Payload hex(String hexDigits) {
        return wrap(HexFormat.of().parseHex(hexDigits));
    }

    /** Takes ownership of an array nobody else holds; package-private so it cannot leak mutability. */
    static Payload wrap(byte[] ownedBytes) {
        return ownedBytes.length == 0 ? EMPTY : new Payload(ownedBytes);
    }

    /** Returns the number of bytes. */
    public int length() {
        return bytes.length;
    }

    /** Tells whether the payload has no bytes. */
    public boolean isEmpty() {
        return bytes.length == 0;
    }

    /** Returns the byte at {@code index}. */
    public byte get(int index) {
        return bytes[index];
    }

    /** Returns a copy of the bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** Returns a read-only view of the bytes, without copying. */
    public ByteBuffer asReadOnlyBuffer() {
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    /** Copies the bytes into {@code target} at {@code offset}. */
    public void copyTo(byte[] target, int offset) {
        System.arraycopy(bytes, 0, target, offset, bytes.length);
    }

    /** Returns the bytes as lower-case hex digits. */
    public String toHex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Payload that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Shows up to 32 bytes, as quoted text when they are printable ASCII, else as hex. */
    @Override
    public String toString() {
        int shown = Math.min(bytes.length, PREVIEW_BYTES);
        String more = bytes.length > shown ? "..." : "";
        String preview = isPrintableAscii(shown)
                ? '"' + new String(bytes, 0, shown, StandardCharsets.US_ASCII) + more + '"'
                : HexFormat.ofDelimiter(" ").formatHex(bytes, 0, shown) + more;
        return preview + " [" + bytes.length + (bytes.length == 1 ? " byte]" : " bytes]");
    }

    private boolean isPrintableAscii(int count) {
        for (int i = 0; i < count; i++) {
            if (bytes[i] < 0x20 || bytes[i] > 0x7E) {
                return false;
            }
        }
        return true;
    }
}
