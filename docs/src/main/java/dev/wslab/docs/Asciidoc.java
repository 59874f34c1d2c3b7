package dev.wslab.docs;

/** Asciidoc escapes for text taken from the code. */
final class Asciidoc {

    private Asciidoc() {
    }

    /** Escapes a table cell's text: a {@code |} would start a new cell. */
    static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
