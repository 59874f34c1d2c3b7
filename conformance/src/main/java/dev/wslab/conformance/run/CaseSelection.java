package dev.wslab.conformance.run;

import dev.wslab.conformance.ConformanceCase;

import java.util.Arrays;
import java.util.List;

/**
 * CaseSelection picks cases by id patterns that mean what they say: {@code 6.*} is section 6 and nothing
 * else (not 60, nor 6 itself unless it is a case), {@code 6.4.*} is subsection 6.4, {@code 6.4.3} is that
 * case. Patterns are separated by commas; a case runs when it matches an included pattern and no
 * excluded one.
 *
 * @param include the patterns of cases to run; {@code *} for all
 * @param exclude the patterns of cases not to run
 */
public record CaseSelection(List<String> include, List<String> exclude) {

    /** Every case. */
    public static final CaseSelection ALL = new CaseSelection(List.of("*"), List.of());

    public CaseSelection {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
        for (String pattern : concat(include, exclude)) {
            if (!pattern.matches("\\*|(\\d+\\.)*(\\d+|\\*)")) {
                throw new IllegalArgumentException("'" + pattern + "' is not a case pattern: use ids such as 6.4.3,"
                        + " or a section followed by .* such as 6.* or 6.4.*");
            }
        }
    }

    /** Parses comma-separated include and exclude lists; an empty include means all. */
    public static CaseSelection parse(String include, String exclude) {
        return new CaseSelection(include == null || include.isBlank() ? List.of("*") : split(include),
                exclude == null || exclude.isBlank() ? List.of() : split(exclude));
    }

    /** Returns the selected cases, in their order. */
    public List<ConformanceCase> select(List<ConformanceCase> cases) {
        List<ConformanceCase> selected = cases.stream().filter(this::selects).toList();
        if (selected.isEmpty()) {
            throw new IllegalArgumentException("no case matches " + String.join(",", include)
                    + (exclude.isEmpty() ? "" : " without " + String.join(",", exclude)));
        }
        return selected;
    }

    /** Tells whether the case is selected. */
    public boolean selects(ConformanceCase testCase) {
        return include.stream().anyMatch(p -> matches(p, testCase.id()))
                && exclude.stream().noneMatch(p -> matches(p, testCase.id()));
    }

    static boolean matches(String pattern, String id) {
        if (pattern.equals("*")) {
            return true;
        }
        if (pattern.endsWith(".*")) {
            return id.startsWith(pattern.substring(0, pattern.length() - 1)); // "6.4." prefix, dot included
        }
        return pattern.equals(id);
    }

    private static List<String> split(String patterns) {
        return Arrays.stream(patterns.split(",")).map(String::strip).filter(p -> !p.isEmpty()).toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
