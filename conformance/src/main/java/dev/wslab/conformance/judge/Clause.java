package dev.wslab.conformance.judge;

import java.util.Objects;

/**
 * Clause is the text a verdict rests on: a sentence of RFC 6455, quoted exactly, with its section and its
 * keyword; a sentence of RFC 7692 (permessage-deflate); or an expectation of Autobahn|Testsuite's that goes
 * beyond the RFC.
 *
 * @param source where the text comes from
 * @param section the RFC's section, e.g. {@code 5.5.1}, or Autobahn's case ids
 * @param keyword how binding it is
 * @param quote the words, exactly as the RFC writes them (line breaks aside)
 */
public record Clause(Source source, String section, Keyword keyword, String quote) {

    /** Where a clause's text comes from. */
    public enum Source {
        /** RFC 6455, quoted exactly (checked against its text). */
        RFC_6455,
        /** RFC 7692, permessage-deflate, quoted exactly (checked against its text). */
        RFC_7692,
        /** Autobahn|Testsuite's expectation, where it asks more than the RFC. */
        AUTOBAHN
    }

    public Clause {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(keyword, "keyword");
        Objects.requireNonNull(quote, "quote");
        if (quote.isBlank()) {
            throw new IllegalArgumentException("a clause quotes some text");
        }
        if (source == Source.AUTOBAHN && keyword != Keyword.NOT_NORMATIVE) {
            throw new IllegalArgumentException("Autobahn's expectations are not RFC 6455's requirements");
        }
    }

    /** Returns a clause of RFC 6455. */
    public static Clause rfc(String section, Keyword keyword, String quote) {
        return new Clause(Source.RFC_6455, section, keyword, quote);
    }

    /** Returns a clause of RFC 7692 (permessage-deflate). */
    public static Clause rfc7692(String section, Keyword keyword, String quote) {
        return new Clause(Source.RFC_7692, section, keyword, quote);
    }

    /** Returns how a reason cites it, e.g. {@code §5.5.1 (MUST NOT): "The application MUST NOT ..."}. */
    public String citation() {
        return switch (source) {
            case RFC_6455 -> "§" + section + " (" + keyword.text() + "): \"" + quote + "\"";
            case RFC_7692 -> "RFC 7692 §" + section + " (" + keyword.text() + "): \"" + quote + "\"";
            case AUTOBAHN -> "Autobahn (" + section + "), beyond RFC 6455: " + quote;
        };
    }
}
