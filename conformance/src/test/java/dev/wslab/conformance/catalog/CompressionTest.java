package dev.wslab.conformance.catalog;

import dev.wslab.conformance.deflate.CompressedEchoes;
import dev.wslab.conformance.deflate.DataSet;
import dev.wslab.protocol.extension.Extension;
import dev.wslab.protocol.extension.ExtensionHeaderParser;
import dev.wslab.protocol.extension.ExtensionParameter;
import dev.wslab.protocol.extension.ParsedExtensions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Compression: Autobahn's sections 12 and 13, case by case")
class CompressionTest {

    private final Map<String, CompressedEchoes> byId = Compression.all().stream()
            .collect(Collectors.toMap(CompressedEchoes::id, Function.identity()));

    @Test
    void thereAre216CasesFrom12_1_1To13_7_18InIdOrder() {
        List<String> ids = Compression.all().stream().map(CompressedEchoes::id).toList();

        assertThat(ids).hasSize(216).doesNotHaveDuplicates().startsWith("12.1.1").endsWith("13.7.18");
        assertThat(ids.stream().filter(id -> id.startsWith("12.")).count()).isEqualTo(90);
        assertThat(ids.stream().filter(id -> id.startsWith("13.")).count()).isEqualTo(126);
        assertThat(ids).contains("12.5.18", "13.1.1");
    }

    @Test
    void everyCaseSends1000Messages() {
        assertThat(Compression.all()).allSatisfy(c -> assertThat(c.messages()).isEqualTo(1000));
    }

    @Test
    void theEighteenVariantsHaveAutobahnsSizesFragmentsAndTimeLimits() {
        assertVariant("12.1.1", 16, 0, 60);
        assertVariant("12.1.2", 64, 0, 60);
        assertVariant("12.1.3", 256, 0, 120);
        assertVariant("12.1.4", 1024, 0, 240);
        assertVariant("12.1.10", 131072, 0, 480);
        assertVariant("12.1.11", 8192, 256, 480);
        assertVariant("13.3.15", 131072, 256, 480);
        assertVariant("13.4.16", 131072, 1024, 480);
        assertVariant("13.5.17", 131072, 4096, 480);
        assertVariant("13.7.18", 131072, 32768, 480);
    }

    @Test
    void section12VariesTheDataInAutobahnsOrderAndSendsTheGermanTextAsBinary() {
        assertThat(List.of("12.1.1", "12.2.1", "12.3.1", "12.4.1", "12.5.1").stream().map(id -> byId.get(id).data()))
                .containsExactly(DataSet.JSON, DataSet.BITMAP, DataSet.PROSE, DataSet.HTML, DataSet.DOCUMENT);
        assertThat(byId.get("12.3.1").data().kind()).isEqualTo(DataSet.MessageKind.BINARY);
        assertThat(Compression.all()).filteredOn(c -> c.id().startsWith("12."))
                .allSatisfy(c -> assertThat(c.offer())
                        .isEqualTo("permessage-deflate; client_no_context_takeover; client_max_window_bits"));
    }

    @Test
    void section13VariesTheOfferWithTheJsonDataAsText() {
        assertThat(Compression.all()).filteredOn(c -> c.id().startsWith("13."))
                .allSatisfy(c -> assertThat(c.data()).isEqualTo(DataSet.JSON));
        assertThat(parameters("13.1.1")).containsExactly(List.of("client_no_context_takeover", "client_max_window_bits"));
        assertThat(parameters("13.2.1")).containsExactly(
                List.of("client_no_context_takeover", "client_max_window_bits", "server_no_context_takeover"));
        assertThat(parameters("13.3.1")).containsExactly(
                List.of("client_no_context_takeover", "client_max_window_bits", "server_max_window_bits=9"));
        assertThat(parameters("13.4.1")).containsExactly(
                List.of("client_no_context_takeover", "client_max_window_bits", "server_max_window_bits=15"));
        assertThat(parameters("13.5.1")).containsExactly(List.of("client_no_context_takeover", "client_max_window_bits",
                "server_no_context_takeover", "server_max_window_bits=9"));
        assertThat(parameters("13.6.1")).containsExactly(List.of("client_no_context_takeover", "client_max_window_bits",
                "server_no_context_takeover", "server_max_window_bits=15"));
    }

    @Test
    void case13_7OffersThe13_5Then13_2Then13_1OffersInThatOrder() {
        assertThat(parameters("13.7.1")).containsExactly(
                parameters("13.5.1").get(0), parameters("13.2.1").get(0), parameters("13.1.1").get(0));
    }

    @Test
    void messagesAreConsecutiveSlicesOfTheDataSet() {
        CompressedEchoes first = byId.get("13.1.1");

        assertThat(first.message(0)).isEqualTo(DataSet.JSON.slice(0, 16));
        assertThat(first.message(1)).isEqualTo(DataSet.JSON.slice(16, 16));
        assertThat(first.message(999)).hasSize(16).isEqualTo(DataSet.JSON.slice(999 * 16, 16));
    }

    private void assertVariant(String id, int size, int fragment, int seconds) {
        CompressedEchoes c = byId.get(id);
        assertThat(c.messageSize()).as(id + " size").isEqualTo(size);
        assertThat(c.fragmentSize()).as(id + " fragment size").isEqualTo(fragment);
        assertThat(c.timeLimit()).as(id + " time limit").isEqualTo(Duration.ofSeconds(seconds));
    }

    /** The offer parsed by the RFC 6455 §9.1 grammar: per element, its parameters as name or name=value. */
    private List<List<String>> parameters(String id) {
        ParsedExtensions parsed = ExtensionHeaderParser.parse(byId.get(id).offer());
        assertThat(parsed).as(byId.get(id).offer()).isInstanceOf(ParsedExtensions.Parsed.class);
        List<Extension> elements = ((ParsedExtensions.Parsed) parsed).extensions();
        assertThat(elements).allSatisfy(e -> assertThat(e.name()).isEqualTo("permessage-deflate"));
        return elements.stream().map(e -> e.parameters().stream().map(CompressionTest::text).toList()).toList();
    }

    private static String text(ExtensionParameter p) {
        return p.name() + p.value().map(v -> "=" + v).orElse("");
    }
}
