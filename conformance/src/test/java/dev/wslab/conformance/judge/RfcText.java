package dev.wslab.conformance.judge;

import java.nio.file.Path;

/** Where the tests read RFC 6455's text: a copy of the RFC (rfc-editor.org's plain text) kept with the tests. */
final class RfcText {

    /** Relative to the module, where Surefire runs the tests. */
    static final Path PATH = Path.of("src/test/resources/rfc6455.txt");

    private RfcText() {
    }
}
