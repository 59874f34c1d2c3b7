package dev.wslab.conformance.run;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.catalog.AutobahnCatalog;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("case patterns mean what they say")
class CaseSelectionTest {

    private final List<ConformanceCase> all = AutobahnCatalog.all();

    private List<String> ids(String include, String exclude) {
        return CaseSelection.parse(include, exclude).select(all).stream().map(ConformanceCase::id).toList();
    }

    @Test
    @DisplayName("1.* is section 1 only, not 10.x")
    void sectionPatternIsNotAPrefix() {
        assertThat(ids("1.*", "")).hasSize(16).allMatch(id -> id.startsWith("1."));
    }

    @Test
    @DisplayName("12.* and 13.* are the compression sections, after section 10, in Autobahn's order")
    void compressionSections() {
        assertThat(ids("12.*", "")).hasSize(90).startsWith("12.1.1", "12.1.2").endsWith("12.5.18");
        assertThat(ids("12.*,13.*", "13.7.*")).hasSize(90 + 108);
        List<String> everyId = all.stream().map(ConformanceCase::id).toList();
        assertThat(everyId.indexOf("12.1.1")).isEqualTo(everyId.indexOf("10.1.1") + 1);
        assertThat(everyId.getLast()).isEqualTo("13.7.18");
    }

    @Test
    void subsectionsExactIdsAndExclusions() {
        assertThat(ids("6.4.*", "")).containsExactly("6.4.1", "6.4.2", "6.4.3", "6.4.4");
        assertThat(ids("2.10", "")).containsExactly("2.10");
        assertThat(ids("*", "9.*,6.*")).hasSize(all.size() - 54 - 145);
    }

    @Test
    void aPatternThatIsNotOneIsExplained() {
        assertThatThrownBy(() -> CaseSelection.parse("1*", "")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'1*' is not a case pattern");
        assertThatThrownBy(() -> ids("8.*", "")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no case matches 8.*");
    }

    @Test
    @DisplayName("Autobahn's spec.json globs keep Autobahn's meaning: 1* also selects 10.1.1")
    void autobahnGlobs() {
        assertThat(AutobahnSpec.globMatches("1*", "10.1.1")).isTrue();
        assertThat(AutobahnSpec.globMatches("6.4.*", "6.4.3")).isTrue();
        assertThat(AutobahnSpec.globMatches("6.4.*", "6.40.1")).isFalse();
    }
}
