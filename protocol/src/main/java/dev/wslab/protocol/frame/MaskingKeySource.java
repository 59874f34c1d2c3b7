package dev.wslab.protocol.frame;

import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Random;
import java.util.concurrent.locks.ReentrantLock;

/**
 * MaskingKeySource supplies the 32-bit masking key for each frame a client sends (RFC 6455 §5.3),
 * in the form {@link Masking} takes: the four key octets, big-endian.
 *
 * <p>RFC 6455 §5.3 says the client MUST pick a fresh key for every frame, derived from a strong source
 * of entropy, so that a server or proxy cannot predict the next key. The point is security, not
 * secrecy: unpredictable keys stop a malicious script from choosing the bytes that appear on the
 * wire, and so from poisoning caches of proxies that misread WebSocket traffic as HTTP (§10.3).
 * Use {@link #secure()} for real connections; {@link #fixed(int)} and {@link #seeded(long)} are for
 * tests and examples only.
 */
@FunctionalInterface
public interface MaskingKeySource {

    /** Returns the key for the next frame. */
    int nextKey();

    /**
     * Returns a new source of unpredictable keys, safe to share between threads.
     *
     * <p>It draws from a {@code SecureRandom} of the "DRBG" algorithm, a deterministic random bit
     * generator of NIST SP 800-90A: it is seeded from the operating system's entropy once, then
     * generates in memory, so sending a frame costs no system call. Keys are drawn 64 at a time; a
     * {@link ReentrantLock} (rather than {@code synchronized}, which can pin a virtual thread to its
     * carrier on Java 21) hands each key out exactly once.
     *
     * @throws IllegalStateException if the JDK has no DRBG (every JDK since 9 has one)
     */
    // tag::secure[]
    static MaskingKeySource secure() {
        SecureRandom random;
        try {
            random = SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no DRBG SecureRandom", e);
        }
        int keysPerBatch = 64;
        ByteBuffer batch = ByteBuffer.allocate(keysPerBatch * Integer.BYTES);
        batch.position(batch.limit());   // empty: the first call fills it
        ReentrantLock lock = new ReentrantLock();
        return () -> {
            lock.lock();
            try {
                if (!batch.hasRemaining()) {
                    random.nextBytes(batch.array());
                    batch.clear();
                }
                return batch.getInt();
            } finally {
                lock.unlock();
            }
        };
    }
    // end::secure[]

    /** Returns a source that gives the same key every time. Predictable: for tests only. */
    static MaskingKeySource fixed(int key) {
        return () -> key;
    }

    /**
     * Returns a source of keys that look random but repeat for the same seed, so that a test can
     * reproduce the exact bytes of a masked frame. Predictable: for tests only.
     */
    static MaskingKeySource seeded(long seed) {
        Random random = new Random(seed);
        return random::nextInt;
    }
}
