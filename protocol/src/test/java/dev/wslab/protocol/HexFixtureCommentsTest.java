package dev.wslab.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every hex fixture in this module's tests says what its bytes are, e.g.
 * {@code hex("8a 00") // FIN Pong, unmasked, empty}: a reader should not have to decode frames by hand.
 * A hex fixture is a call of a hex helper ({@code hex}, {@code Payload.hex}, {@code HexFormat.parseHex})
 * on a string literal; its comment is a {@code //} comment after it on the same line.
 */
@DisplayName("hex fixtures in the tests carry a comment that decodes them")
class HexFixtureCommentsTest {

    /** A hex helper called on a string literal. */
    private static final Pattern FIXTURE = Pattern.compile("(?:\\bhex|\\bparseHex)\\(\"");
    private static final Path TESTS = Path.of("src/test/java");

    @Test
    void everyHexFixtureHasADecodingComment() throws IOException {
        List<String> fixtures = new ArrayList<>();
        List<String> uncommented = new ArrayList<>();
        try (Stream<Path> files = Files.walk(TESTS)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).sorted().toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher fixture = FIXTURE.matcher(lines.get(i));
                    if (fixture.find()) {
                        String where = TESTS.relativize(file) + ":" + (i + 1);
                        fixtures.add(where);
                        if (!lines.get(i).substring(fixture.end()).contains("//")) {
                            uncommented.add(where + ": " + lines.get(i).strip());
                        }
                    }
                }
            }
        }
        assertThat(fixtures).as("hex fixtures found (none would mean the search is broken)").hasSizeGreaterThan(50);
        assertThat(uncommented).as("hex fixtures without a decoding comment").isEmpty();
    }
}
