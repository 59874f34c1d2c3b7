package dev.wslab.conformance.deflate;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The data that Autobahn's sections 12 and 13 compress, made here instead of shipped: of about the same
 * size and kind as Autobahn's files (a JSON document, a bitmap, a long German text, an HTML page, a PDF),
 * from a fixed seed, so every run sends the same bytes. Messages are consecutive slices of a data set,
 * wrapping around at its end, as Autobahn takes them.
 *
 * <p>The text data sets are ASCII, so that a slice cut anywhere is valid UTF-8 and may be sent as text.
 */
public enum DataSet {
    /** 12.1 and section 13: a large JSON document, sent as text (Autobahn: data1.json, 194,056 B). */
    JSON(MessageKind.TEXT, 194_056, DataSet::json),
    /** 12.2: a 512 × 512 greyscale bitmap, sent as binary (Autobahn: lena512.bmp, 263,222 B). */
    BITMAP(MessageKind.BINARY, 263_222, DataSet::bitmap),
    /** 12.3: a long plain text in German, sent as binary like Autobahn's (pg2229.txt, 222,218 B). */
    PROSE(MessageKind.BINARY, 222_218, DataSet::prose),
    /** 12.4: a large HTML page, sent as text (Autobahn: data1.html, 263,647 B). */
    HTML(MessageKind.TEXT, 263_647, DataSet::html),
    /** 12.5: a document that mixes compressed streams and text, as a PDF does, sent as binary (1,042,328 B). */
    DOCUMENT(MessageKind.BINARY, 1_042_328, DataSet::document);

    /** Whether a data set's messages are sent as text or binary. */
    public enum MessageKind { TEXT, BINARY }

    private final MessageKind kind;
    private final int size;
    private final Supplier<byte[]> generator;
    private volatile byte[] bytes;

    DataSet(MessageKind kind, int size, Supplier<byte[]> generator) {
        this.kind = kind;
        this.size = size;
        this.generator = generator;
    }

    public MessageKind kind() {
        return kind;
    }

    /** Returns the data set's bytes (made on first use, then kept). */
    public byte[] bytes() {
        byte[] made = bytes;
        if (made == null) {
            byte[] generated = generator.get();
            made = java.util.Arrays.copyOf(generated, size);
            bytes = made;
        }
        return made;
    }

    /** Returns {@code length} bytes from {@code offset}, wrapping around at the end of the data set. */
    public byte[] slice(long offset, int length) {
        byte[] data = bytes();
        byte[] slice = new byte[length];
        int from = (int) (offset % data.length);
        int copied = 0;
        while (copied < length) {
            int run = Math.min(length - copied, data.length - from);
            System.arraycopy(data, from, slice, copied, run);
            copied += run;
            from = 0;
        }
        return slice;
    }

    // ---------------------------------------------------------------- the generators

    private static final String[] GERMAN = {"der", "die", "das", "und", "nicht", "ich", "ist", "zu", "mit", "sich",
            "Habe", "nun", "ach", "Philosophie", "Juristerei", "Medizin", "leider", "auch", "Theologie", "durchaus",
            "studiert", "heissem", "Bemuehn", "Da", "steh", "armer", "Tor", "bin", "so", "klug", "als", "wie", "zuvor",
            "Geist", "Welt", "Nacht", "Himmel", "Erde", "Mephistopheles", "Faust", "Gretchen", "Wagner"};

    private static byte[] json() {
        Random random = new Random(12_1);
        StringBuilder text = new StringBuilder("[\n");
        for (int id = 0; text.length() < 200_000; id++) {
            text.append("  {\"id\": ").append(id)
                    .append(", \"name\": \"").append(word(random)).append(' ').append(word(random))
                    .append("\", \"active\": ").append(random.nextBoolean())
                    .append(", \"score\": ").append(random.nextInt(100_000) / 100.0)
                    .append(", \"tags\": [\"").append(word(random)).append("\", \"").append(word(random))
                    .append("\"], \"address\": {\"city\": \"").append(word(random))
                    .append("\", \"zip\": \"").append(10_000 + random.nextInt(90_000)).append("\"}},\n");
        }
        return text.append("  {}\n]\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] html() {
        Random random = new Random(12_4);
        StringBuilder text = new StringBuilder("<!DOCTYPE html>\n<html><head><title>Index</title></head><body>\n");
        while (text.length() < 270_000) {
            text.append("<div class=\"item\"><h2><a href=\"/items/").append(random.nextInt(10_000)).append("\">")
                    .append(word(random)).append("</a></h2>\n<p>");
            for (int i = 0, n = 5 + random.nextInt(20); i < n; i++) {
                text.append(word(random)).append(' ');
            }
            text.append("</p>\n<ul><li>").append(word(random)).append("</li><li>").append(word(random))
                    .append("</li></ul></div>\n");
        }
        return text.append("</body></html>\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] prose() {
        Random random = new Random(12_3);
        StringBuilder text = new StringBuilder();
        while (text.length() < 230_000) {
            for (int i = 0, n = 4 + random.nextInt(12); i < n; i++) {
                text.append(i == 0 ? capitalized(GERMAN[random.nextInt(GERMAN.length)]) : GERMAN[random.nextInt(GERMAN.length)]);
                text.append(i == n - 1 ? (random.nextInt(4) == 0 ? "!\n" : ".\n") : (random.nextInt(6) == 0 ? ", " : " "));
            }
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A greyscale picture: smooth shading with a little noise, as photographs compress. */
    private static byte[] bitmap() {
        Random random = new Random(12_2);
        byte[] pixels = new byte[263_222];
        for (int i = 0; i < pixels.length; i++) {
            int x = i % 512;
            int y = i / 512;
            double shade = 128 + 60 * Math.sin(x / 37.0) * Math.cos(y / 23.0) + 40 * Math.sin((x + y) / 71.0);
            pixels[i] = (byte) Math.max(0, Math.min(255, (int) shade + random.nextInt(9) - 4));
        }
        return pixels;
    }

    /** Runs of text (page descriptions) between runs of random bytes (already compressed streams). */
    private static byte[] document() {
        Random random = new Random(12_5);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(1_100_000);
        int object = 1;
        while (out.size() < 1_050_000) {
            out.writeBytes((object++ + " 0 obj\n<< /Type /Page /Length " + random.nextInt(9000)
                    + " /Filter /FlateDecode >>\nstream\n").getBytes(StandardCharsets.US_ASCII));
            byte[] stream = new byte[500 + random.nextInt(6000)];
            random.nextBytes(stream);
            out.writeBytes(stream);
            out.writeBytes("\nendstream\nendobj\n".getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }

    private static String word(Random random) {
        return GERMAN[random.nextInt(GERMAN.length)].toLowerCase(java.util.Locale.ROOT);
    }

    private static String capitalized(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
