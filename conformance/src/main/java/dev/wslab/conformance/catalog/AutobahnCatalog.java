package dev.wslab.conformance.catalog;

import dev.wslab.conformance.ConformanceCase;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * AutobahnCatalog is every case of Autobahn|Testsuite's sections 1 to 7, 9, 10, 12 and 13, with the same ids, so
 * a report can be read beside an Autobahn report. Where a case deviates from Autobahn (a defect fixed, a
 * rule judged by the RFC rather than by Autobahn's engine), its {@link ConformanceCase#deviation()} says so.
 */
public final class AutobahnCatalog {

    private AutobahnCatalog() {
    }

    /** Returns wslab's own opening-handshake cases (section 0), which Autobahn does not have. */
    public static List<ConformanceCase> handshake() {
        return OpeningHandshake.cases();
    }

    /**
     * Returns wslab's own masking case (section 0, after the handshake cases), which Autobahn does not have:
     * its fuzzing client masks every frame, so an Autobahn run never checks a server's duty to refuse an
     * unmasked one.
     */
    public static List<ConformanceCase> masking() {
        return List.of(FrameProbes.unmaskedFrame("0.18", "Masking", "A wslab addition, not in Autobahn: send an"
                + " unmasked text frame, then a Ping; expect the connection closed, with 1002 or without a Close frame"
                + " (§5.1: \"The server MUST close the connection upon receiving a frame that is not masked\"; it MAY"
                + " send 1002), and no echo and no Pong, as it MUST NOT go on after failing (§7.1.7)."));
    }

    /**
     * Returns wslab's own compression cases (section 14), which Autobahn does not have: what sections 12 and 13
     * cannot see, since they only check that echoes round-trip.
     */
    public static List<ConformanceCase> compressionBeyondAutobahn() {
        return CompressionBeyondAutobahn.cases();
    }

    /** Returns the handshake cases, the masking case, then Autobahn's, then wslab's compression cases, in order. */
    public static List<ConformanceCase> everything() {
        return everything(StatedLimits.UNSTATED);
    }

    /**
     * Returns {@link #everything()}, the decompression bombs of section 14 sized for the server's message limit
     * where {@code limits} state it, as the probes' are.
     */
    public static List<ConformanceCase> everything(StatedLimits limits) {
        List<ConformanceCase> cases = new ArrayList<>(handshake());
        cases.addAll(masking());
        cases.addAll(all());
        cases.addAll(CompressionBeyondAutobahn.cases(limits));
        return cases;
    }

    /**
     * Returns all of Autobahn's cases, in Autobahn's order. Section 9's large payloads are built when called;
     * the data of sections 12 and 13 (compression) when a case of theirs first runs.
     */
    public static List<ConformanceCase> all() {
        List<ConformanceCase> cases = new ArrayList<>();
        for (Supplier<List<ConformanceCase>> section : List.<Supplier<List<ConformanceCase>>>of(
                Framing::cases, PingsAndPongs::cases, ReservedBitsAndOpcodes::reservedBits,
                ReservedBitsAndOpcodes::opcodes, Fragmentation::cases, Utf8Handling::cases, CloseHandling::cases,
                LimitsAndPerformance::cases, LimitsAndPerformance::misc, Compression::cases)) {
            cases.addAll(section.get());
        }
        return cases;
    }
}
