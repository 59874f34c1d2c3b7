package dev.wslab.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the reference pages that are generated from the code, so that they never drift from it. The
 * docs build runs it before Asciidoctor; the pages include its output from {@code {generated}}.
 */
public final class GenerateReferencePages {

    private GenerateReferencePages() {
    }

    /**
     * Writes the generated pages.
     *
     * @param args the folder to write into, then the repository's root folder
     */
    public static void main(String[] args) throws IOException {
        Path out = Files.createDirectories(Path.of(args[0]));
        Files.writeString(out.resolve("catalog.adoc"), "(to be generated)\n");
    }
}
