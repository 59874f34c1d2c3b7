package dev.wslab.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** TextSamples builds deterministic benchmark input. */
final class TextSamples {

    private TextSamples() {
    }

    /**
     * Returns exactly {@code size} bytes of UTF-8: snippets picked at random (from a seeded generator)
     * until the size is reached, the last one cut at a character boundary and the rest padded with
     * spaces.
     */
    static byte[] deterministic(List<String> snippets, int size, SplittableRandom random) {
        byte[] out = new byte[size];
        int length = 0;
        while (true) {
            String snippet = snippets.get(random.nextInt(snippets.size()));
            byte[] encoded = snippet.getBytes(StandardCharsets.UTF_8);
            if (length + encoded.length > size) {
                break;
            }
            System.arraycopy(encoded, 0, out, length, encoded.length);
            length += encoded.length;
        }
        Arrays.fill(out, length, size, (byte) ' ');
        return out;
    }
}
