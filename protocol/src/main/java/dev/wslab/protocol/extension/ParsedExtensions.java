package dev.wslab.protocol.extension;

import java.util.List;

/** What {@link ExtensionHeaderParser} made of the {@code Sec-WebSocket-Extensions} header lines. */
public sealed interface ParsedExtensions {

    /** The header lines matched the §9.1 grammar: the elements, in the order they were written. */
    record Parsed(List<Extension> extensions) implements ParsedExtensions {
        public Parsed {
            extensions = List.copyOf(extensions);
        }
    }

    /**
     * A header line did not match the §9.1 grammar.
     *
     * @param problem what is wrong, in plain words, with the offending text quoted
     */
    record Malformed(String problem) implements ParsedExtensions {
    }
}
