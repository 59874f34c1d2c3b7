package dev.wslab.conformance.catalog;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.Expectation;
import dev.wslab.conformance.Step;
import dev.wslab.conformance.deflate.CompressedEchoes;
import dev.wslab.conformance.deflate.DataSet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Sections 12 and 13, WebSocket compression (RFC 7692 permessage-deflate), with Autobahn's ids: the same 18
 * variants of size and fragmentation in every subsection; section 12 varies the data with one offer,
 * section 13 varies the offer with the JSON data. Autobahn's data files are not shipped: {@link DataSet}
 * makes data of the same size and kind.
 *
 * <p>As cases of the catalog ({@link #cases()}), each runs on its own connection that offers its
 * subsection's offer; a server that declines it gets UNIMPLEMENTED (RFC 7692 §5 lets it).
 */
public final class Compression {

    /** How many messages each case sends, one after another, as Autobahn does. */
    public static final int MESSAGES = 1000;

    /** The offer all others start from (Autobahn's default): 12.x and 13.1. */
    static final String BASE_OFFER = "permessage-deflate; client_no_context_takeover; client_max_window_bits";

    /** Section 13's offers, by subsection 13.1 to 13.7; 13.7 is three offers in order of preference (RFC 7692 §5). */
    static final List<String> SECTION_13_OFFERS = List.of(
            BASE_OFFER,
            BASE_OFFER + "; server_no_context_takeover",
            BASE_OFFER + "; server_max_window_bits=9",
            BASE_OFFER + "; server_max_window_bits=15",
            BASE_OFFER + "; server_no_context_takeover; server_max_window_bits=9",
            BASE_OFFER + "; server_no_context_takeover; server_max_window_bits=15",
            BASE_OFFER + "; server_no_context_takeover; server_max_window_bits=9, "
                    + BASE_OFFER + "; server_no_context_takeover, " + BASE_OFFER);

    /** Section 12's data sets, by subsection 12.1 to 12.5, in Autobahn's order. */
    static final List<DataSet> SECTION_12_DATA = List.of(DataSet.JSON, DataSet.BITMAP, DataSet.PROSE, DataSet.HTML,
            DataSet.DOCUMENT);

    private record Variant(int messageSize, int fragmentSize, int seconds) { }

    /** The 18 variants of every subsection, by case number 1 to 18: size, fragment size (0: none), time limit. */
    private static final List<Variant> VARIANTS = List.of(
            new Variant(16, 0, 60), new Variant(64, 0, 60), new Variant(256, 0, 120), new Variant(1024, 0, 240),
            new Variant(4096, 0, 480), new Variant(8192, 0, 480), new Variant(16384, 0, 480),
            new Variant(32768, 0, 480), new Variant(65536, 0, 480), new Variant(131072, 0, 480),
            new Variant(8192, 256, 480), new Variant(16384, 256, 480), new Variant(32768, 256, 480),
            new Variant(65536, 256, 480), new Variant(131072, 256, 480), new Variant(131072, 1024, 480),
            new Variant(131072, 4096, 480), new Variant(131072, 32768, 480));

    /** The section's title, as Autobahn names it. */
    static final String SECTION = "WebSocket Compression";

    /** How this suite's sections 12 and 13 differ from Autobahn's. */
    static final String DEVIATION = "Autobahn's data files are not shipped: the messages are slices of generated"
            + " data of the same size and kind. Echoes not all back within Autobahn's time limit are NON-STRICT, not"
            + " FAILED: the RFCs set no time limit. A message refused with 1009 or 1008 is INFORMATIONAL: a limit on"
            + " messages is the server's own (RFC 6455 §10.4).";

    /**
     * The suite closes normally after the last echo. A server may instead refuse a message too big for it,
     * with 1009 or 1008 (its own limit, §10.4); the stream's verdict says so, and that Close is no wrong code.
     */
    private static final Expectation ECHOES_THEN_CLOSE = new Expectation(List.of(), List.of(), Optional.empty(),
            Expectation.Judging.JUDGED, Expectation.AfterSteps.CLOSE_NORMALLY, new Expectation.CloseExpectation(
            Set.of(1000, 1008, 1009), Expectation.WithoutCode.AS_GOOD, Expectation.Ending.CLOSING_HANDSHAKE,
            Expectation.Closer.SERVER_OR_SUITE, Expectation.IfServerWaits.CLOSE_FAILS));

    private Compression() {
    }

    /**
     * Returns the 216 cases of sections 12 and 13 as cases of the catalog, in id order: each offers its
     * subsection's offer and streams its messages ({@link Step.EchoMessages}), with Autobahn's time limit
     * as its deadline. The data sets are made when a case first runs, not here.
     */
    public static List<ConformanceCase> cases() {
        return all().stream().map(echoes -> new ConformanceCase(echoes.id(), SECTION, echoes.description(),
                List.of("5.2", "5.4", "9.1"), List.of(new Step.EchoMessages(echoes)), ECHOES_THEN_CLOSE,
                echoes.timeLimit(), DEVIATION, Optional.empty()).withOffer(echoes.offer())).toList();
    }

    /** Returns the 216 cases of sections 12 and 13, in id order. */
    public static List<CompressedEchoes> all() {
        List<CompressedEchoes> cases = new ArrayList<>();
        for (int j = 0; j < SECTION_12_DATA.size(); j++) {
            DataSet data = SECTION_12_DATA.get(j);
            subsection(cases, "12." + (j + 1), data, BASE_OFFER, "the default offer, " + dataName(data));
        }
        for (int j = 0; j < SECTION_13_OFFERS.size(); j++) {
            String offer = SECTION_13_OFFERS.get(j);
            subsection(cases, "13." + (j + 1), DataSet.JSON, offer, "JSON as text, offering " + offer);
        }
        return List.copyOf(cases);
    }

    private static void subsection(List<CompressedEchoes> cases, String prefix, DataSet data, String offer, String what) {
        for (int k = 0; k < VARIANTS.size(); k++) {
            Variant variant = VARIANTS.get(k);
            String fragments = variant.fragmentSize() == 0 ? "not fragmented"
                    : "fragmented into frames of " + variant.fragmentSize() + " compressed bytes";
            String description = "Send " + MESSAGES + " compressed messages of " + variant.messageSize() + " bytes, "
                    + fragments + ", one after another, each echo checked for type, length and content; " + what;
            cases.add(new CompressedEchoes(prefix + "." + (k + 1), description, data, offer, variant.messageSize(),
                    variant.fragmentSize(), MESSAGES, Duration.ofSeconds(variant.seconds())));
        }
    }

    private static String dataName(DataSet data) {
        return switch (data) {
            case JSON -> "JSON as text";
            case BITMAP -> "a bitmap image as binary";
            case PROSE -> "German prose as binary (as Autobahn sends it)";
            case HTML -> "HTML as text";
            case DOCUMENT -> "a PDF-like document as binary";
        };
    }
}
