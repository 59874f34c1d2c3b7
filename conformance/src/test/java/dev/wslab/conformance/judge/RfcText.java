package dev.wslab.conformance.judge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RfcText is the text of an RFC a clause quotes, read from a copy of the RFC (rfc-editor.org's plain text)
 * kept with the tests: RFC 6455, and RFC 7692 for permessage-deflate. Page breaks are removed, so a quote
 * that runs over one is found.
 */
enum RfcText {
    RFC_6455("src/test/resources/rfc6455.txt", "Fette & Melnikov", "RFC 6455"),
    RFC_7692("src/test/resources/rfc7692.txt", "Yoshino", "RFC 7692");

    private static final Pattern HEADING = Pattern.compile("\n\\d+(\\.\\d+)*\\.  \\S");

    /** Relative to the module, where Surefire runs the tests. */
    private final Path path;
    private final Pattern pageBreak;

    RfcText(String path, String footer, String header) {
        this.path = Path.of(path);
        this.pageBreak = Pattern.compile("\n\n*" + Pattern.quote(footer) + "[^\n]*\n\f?\n*" + Pattern.quote(header)
                + "[^\n]*\n");
    }

    /** Returns the RFC a clause of {@code source} quotes. */
    static RfcText of(Clause.Source source) {
        return switch (source) {
            case RFC_6455 -> RFC_6455;
            case RFC_7692 -> RFC_7692;
            case AUTOBAHN -> throw new IllegalArgumentException("Autobahn's expectations are not an RFC's text");
        };
    }

    /** The whole text, all whitespace as single spaces. */
    String normalized() {
        return normalize(withoutPageBreaks());
    }

    /** The text of section {@code number}, from its heading to the next heading of any level, normalized. */
    String section(String number) {
        String text = withoutPageBreaks();
        int start = text.indexOf("\n" + number + ".  "); // headings start the line; the contents are indented
        if (start < 0) {
            throw new IllegalArgumentException(this + " has no section " + number);
        }
        Matcher next = HEADING.matcher(text);
        int end = next.find(start + 1) ? next.start() : text.length();
        return normalize(text.substring(start, end));
    }

    static String normalize(String text) {
        return text.replaceAll("\\s+", " ").trim();
    }

    private String withoutPageBreaks() {
        try {
            return pageBreak.matcher(Files.readString(path)).replaceAll("\n");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }
}
