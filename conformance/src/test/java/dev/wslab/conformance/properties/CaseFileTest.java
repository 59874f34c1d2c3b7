package dev.wslab.conformance.properties;

import dev.wslab.protocol.Rule;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

/** A case file gives back exactly the scenario saved, and a file that is not one is refused in one line. */
@DisplayName("case files")
class CaseFileTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("every generated scenario, valid or broken, inside a message or not, reads back equal")
    void roundTrip() throws IOException {
        List<Scenario> scenarios = new ArrayList<>();
        qt().withFixedSeed(7L).withExamples(20).forAll(ConversationGenerators.conversations(2)).checkAssert(scenarios::add);
        qt().withFixedSeed(7L).withExamples(100).forAll(ConversationGenerators.brokenConversations(2)).checkAssert(scenarios::add);
        assertThat(scenarios).anyMatch(s -> s instanceof BrokenConversation b && b.insideMessage()
                && b.violation().rule() == Rule.UNMASKED_CLIENT_FRAME);

        for (int i = 0; i < scenarios.size(); i++) {
            Scenario scenario = scenarios.get(i);
            Property property = scenario instanceof Conversation ? Property.ECHOES_VALID_CONVERSATIONS
                    : Property.FAILS_BROKEN_CONVERSATIONS;
            Path file = dir.resolve("case-" + i + ".json");
            CaseFile.write(file, property, scenario, 7L, "a reason");

            CaseFile.Saved saved = CaseFile.read(file);
            assertThat(saved.property()).isEqualTo(property);
            assertThat(saved.scenario()).isEqualTo(scenario);
        }
    }

    @Test
    @DisplayName("a missing file, a file that is not JSON, and JSON that is not a case are refused with a clear message")
    void badFiles() throws IOException {
        assertThatThrownBy(() -> CaseFile.read(dir.resolve("missing.json"))).isInstanceOf(NoSuchFileException.class);

        Path notJson = Files.writeString(dir.resolve("not.json"), "hello");
        assertThatThrownBy(() -> CaseFile.read(notJson)).isInstanceOf(IOException.class).hasMessageContaining("is not JSON")
                .hasMessageNotContaining("\n");

        Path noMessages = Files.writeString(dir.resolve("other.json"), "{\"property\": \"ECHOES_VALID_CONVERSATIONS\"}");
        assertThatThrownBy(() -> CaseFile.read(noMessages)).isInstanceOf(IOException.class)
                .hasMessage(noMessages + " is not a wslab property case: no \"messages\" field");

        Path badKind = Files.writeString(dir.resolve("kind.json"), """
                {"property": "FAILS_BROKEN_CONVERSATIONS", "writing": "whole", "messages": [],
                 "violation": {"rule": "NO_SUCH_RULE", "expectedCode": 1002, "afterMessages": 0,
                               "frames": [{"fin": true, "rsv1": true, "rsv2": false, "rsv3": false, "opcode": 2, "payload": ""}]}}
                """);
        assertThatThrownBy(() -> CaseFile.read(badKind)).isInstanceOf(IOException.class).hasMessageContaining("NO_SUCH_RULE");
    }
}
