package dev.wslab.conformance.catalog;

import dev.wslab.conformance.ConformanceCase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("the Autobahn catalog")
class AutobahnCatalogTest {

    private final List<ConformanceCase> cases = AutobahnCatalog.all();
    private final List<ConformanceCase> everything = AutobahnCatalog.everything();

    @Test
    @DisplayName("has Autobahn's 517 cases of sections 1-7, 9, 10, 12 and 13, plus 3 for close codes 1012-1014")
    void counts() {
        Map<Integer, Long> bySection = cases.stream()
                .collect(Collectors.groupingBy(ConformanceCase::sectionNumber, Collectors.counting()));
        assertThat(bySection).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(Map.entry(1, 16L), Map.entry(2, 11L),
                Map.entry(3, 7L), Map.entry(4, 10L), Map.entry(5, 20L), Map.entry(6, 145L), Map.entry(7, 37L + 3),
                Map.entry(9, 54L), Map.entry(10, 1L), Map.entry(12, 90L), Map.entry(13, 126L)));
        assertThat(cases).hasSize(517 + 3);
    }

    @Test
    void idsAreUniqueAndEveryCaseSaysWhatItChecks() {
        assertThat(everything.stream().map(ConformanceCase::id)).doesNotHaveDuplicates();
        assertThat(everything).allSatisfy(testCase -> {
            assertThat(testCase.description()).isNotBlank();
            assertThat(testCase.rfcSections()).isNotEmpty().allMatch(s -> s.matches("\\d+(\\.\\d+)*"));
            assertThat(testCase.steps().isEmpty()).as("steps, or a handshake check").isEqualTo(testCase.handshake().isPresent());
            assertThat(testCase.deadline()).isPositive();
        });
    }

    @Test
    @DisplayName("every generated UTF-8 case's validity agrees with the JDK's strict decoder")
    void utf8StatementsAgreeWithTheJdk() {
        assertThat(Utf8Handling.sequences()).hasSize(145 - 13).allSatisfy(sequence ->
                assertThat(jdkAccepts(sequence.bytes())).as(sequence.id()).isEqualTo(sequence.valid()));
    }

    private static boolean jdkAccepts(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
