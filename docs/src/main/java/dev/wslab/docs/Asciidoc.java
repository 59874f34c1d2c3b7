package dev.wslab.docs;

/** Asciidoc for text taken from the code: escapes, and links to the RFC. */
final class Asciidoc {

    private Asciidoc() {
    }

    /** A link to a section of RFC 6455, shown as {@code §5.2}: the pages define {@code {rfc}}. */
    static String rfcLink(String section) {
        String number = section.strip();
        return "{rfc}#section-" + number + "[§" + number + "]";
    }

    /** Escapes a table cell's text: a {@code |} would start a new cell. */
    static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
