package dev.wslab.conformance.clients;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.catalog.AutobahnCatalog;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * ClientCases is the numbered list of cases a client is tested with: the catalog's cases that make sense
 * from the server side, filtered by the spec, sorted numerically by id. Case {@code N} of the URL protocol is
 * the N-th of this list, counting from 1, as in Autobahn's fuzzingserver ({@code caseset.py parseSpecCases}).
 *
 * @param cases the selected cases, in numeric id order
 */
public record ClientCases(List<ConformanceCase> cases) {

    /**
     * The sections played from the server side so far: framing, pings, reserved bits and opcodes,
     * fragmentation, UTF-8, closing, limits and performance. Left out: the handshake cases (the suite is the
     * server, the client's request is checked on every connection), compression (12-14), probes (20) and
     * properties (30), and the cases with raw byte steps (6.4.3, 6.4.4): their bytes are frames masked as a
     * client sends them, which a server must not send (§5.1), so they need an unmasked rewrite first.
     */
    static final Set<Integer> SECTIONS = Set.of(1, 2, 3, 4, 5, 6, 7, 9, 10);

    public ClientCases {
        cases = cases.stream().sorted(Comparator.comparing(ConformanceCase::id, ConformanceCase::compareIds)).toList();
    }

    /** Returns every case that runs in client mode. */
    public static List<ConformanceCase> catalog() {
        return AutobahnCatalog.all().stream().filter(ClientCases::playableAsServer).toList();
    }

    /** Returns the client-mode cases {@code selected} keeps, numbered in id order. */
    public static ClientCases selecting(Predicate<String> selected) {
        return new ClientCases(catalog().stream().filter(c -> selected.test(c.id())).toList());
    }

    private static boolean playableAsServer(ConformanceCase testCase) {
        return SECTIONS.contains(testCase.sectionNumber()) && testCase.handshake().isEmpty()
                && testCase.offer().isEmpty()
                && testCase.steps().stream().noneMatch(step -> step instanceof dev.wslab.conformance.Step.SendRaw);
    }

    /** Returns how many cases there are: the answer to {@code /getCaseCount}. */
    public int count() {
        return cases.size();
    }

    /** Returns case number {@code number} (1-based), or empty when out of range. */
    public Optional<ConformanceCase> byNumber(int number) {
        return number >= 1 && number <= cases.size() ? Optional.of(cases.get(number - 1)) : Optional.empty();
    }

    /** Returns the case with this id ({@code casetuple=6.4.1}), when it is in the list. */
    public Optional<ConformanceCase> byId(String id) {
        return cases.stream().filter(c -> c.id().equals(id)).findFirst();
    }
}
