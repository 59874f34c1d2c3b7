package dev.wslab.tutorials.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * WebFiles copies the browser client (src/main/resources/web) from the class path into a directory, which
 * the server then serves as static files: this works the same from target/classes and from a jar.
 */
public final class WebFiles {

    /** The files of the browser client. */
    public static final List<String> NAMES = List.of("client.html", "wslab-client.js");

    private WebFiles() {
    }

    /** Copies the files into {@code directory} (created if needed) and returns it. */
    public static Path extract(Path directory) throws IOException {
        Files.createDirectories(directory);
        for (String name : NAMES) {
            try (InputStream in = WebFiles.class.getResourceAsStream("/web/" + name)) {
                if (in == null) {
                    throw new IOException("not on the class path: /web/" + name);
                }
                Files.write(directory.resolve(name), in.readAllBytes());
            }
        }
        return directory;
    }

    /** Copies the files into a new temporary directory, deleted when the JVM exits. */
    public static Path extractToTemporaryDirectory() {
        try {
            Path directory = Files.createTempDirectory("wslab-web");
            directory.toFile().deleteOnExit();
            extract(directory);
            for (String name : NAMES) {
                directory.resolve(name).toFile().deleteOnExit();
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
