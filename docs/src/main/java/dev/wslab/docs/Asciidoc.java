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

    /** Returns a link to a section of RFC 7692 (permessage-deflate), e.g. {@code RFC 7692 §6.1}. */
    static String rfc7692Link(String section) {
        String number = section.strip();
        return "https://www.rfc-editor.org/rfc/rfc7692#section-" + number + "[RFC 7692 §" + number + "]";
    }

    /** Escapes a table cell's text: a {@code |} would start a new cell. */
    static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
