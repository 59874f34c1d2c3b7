package dev.wslab.protocol.frame;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Masking applies the masking of RFC 6455 §5.3 to payload bytes, in place. Every frame a client sends
 * is masked with a fresh 32-bit key, and the server unmasks it; the same operation does both:
 *
 * <pre>
 *   j                   = i MOD 4
 *   transformed-octet-i = original-octet-i XOR masking-key-octet-j
 * </pre>
 *
 * <p>The masking key is passed as an {@code int} holding its four octets in wire order (big-endian):
 * octet {@code j} is {@code (maskingKey >>> (24 - 8 * j)) & 0xFF}. So the key {@code 37 fa 21 3d} of
 * the §5.7 example is {@code 0x37fa213d}.
 *
 * <p>A payload need not be in memory all at once: {@code keyOffset} is the index within the payload
 * of the first byte passed, so each piece can be unmasked as it arrives.
 */
public final class Masking {

    // Unmasking is on the path of every byte a server receives, so it works on 8 bytes at a time:
    // repeated twice, the 4-byte key is 8 bytes long, and one XOR of two longs masks 8 payload bytes.
    // The simple byte loop that this must equal is in the tests (MaskingPropertiesTest).
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Masking() {
    }

    /**
     * Masks or unmasks {@code data[from..to)} in place.
     *
     * @param maskingKey the 4 key octets, big-endian (see the class comment)
     * @param keyOffset the index within the whole payload of {@code data[from]}; 0 for a whole payload
     * @throws IndexOutOfBoundsException if the range is not inside {@code data}
     * @throws IllegalArgumentException if {@code keyOffset} is negative
     */
    // tag::apply[]
    public static void apply(byte[] data, int from, int to, int maskingKey, long keyOffset) {
        Objects.checkFromToIndex(from, to, data.length);
        long pattern = keyPattern(maskingKey, keyOffset);
        // Written as a counted loop (i < wordsEnd, i += 8, no other exit) on purpose: the JIT compiler
        // (C2 of JDK 25, measured) then turns it into SIMD code that masks 32 or 64 bytes per
        // instruction, faster than System.arraycopy copies them (benchmarks/MaskingBenchmark). Written
        // as "to - i >= 8", the same loop stays scalar and runs about fifteen times slower.
        int wordsEnd = from + ((to - from) & ~7);
        int i = from;
        for (; i < wordsEnd; i += 8) {
            LONGS.set(data, i, (long) LONGS.get(data, i) ^ pattern);
        }
        // At most 7 bytes are left, and (i - from) is a multiple of 8, so the pattern starts over.
        for (int shift = 0; i < to; i++, shift += 8) {
            data[i] ^= (byte) (pattern >>> shift);
        }
    }
    // end::apply[]

    /**
     * Returns the key octets that apply to the 8 payload bytes starting at {@code keyOffset}, laid out
     * for a little-endian long: the octet for the first byte in the lowest 8 bits.
     */
    private static long keyPattern(int maskingKey, long keyOffset) {
        if (keyOffset < 0) {
            throw new IllegalArgumentException("keyOffset must not be negative, got " + keyOffset);
        }
        // Rotate so that octet (keyOffset MOD 4) comes first, then reverse to little-endian order.
        int rotated = Integer.rotateLeft(maskingKey, 8 * (int) (keyOffset & 3));
        long fourOctets = Integer.reverseBytes(rotated) & 0xFFFF_FFFFL;
        return fourOctets | fourOctets << 32;
    }
}
