package dev.wslab.benchmarks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * RunBenchmarks runs the codec benchmarks through JMH and prints their throughput in GB/s, then each
 * target as a ratio against a baseline measured in the same run (so a slow or noisy machine slows
 * both sides). JMH options pass through, e.g.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.wslab.benchmarks.RunBenchmarks -f 1 -wi 3 -w 1s -i 5 -r 1s
 * </pre>
 *
 * After JMH it measures memory per idle connection with and without permessage-deflate
 * ({@link DeflateMemory}, {@code -Dwslab.memory.connections=N}, 0 to skip); {@code -Dwslab.suites=A,B}
 * runs only the named benchmark classes.
 */
public final class RunBenchmarks {

    /** A benchmark class, and how many bytes one of its operations handles. */
    record Suite(Class<?> benchmark, ToIntFunction<RunResult> bytesPerOperation) {
    }

    /** "candidate is at least {@code minimumRatio} times baseline", for one parameter value. */
    record Target(String description, String candidate, String baseline, String param, double minimumRatio) {
    }

    static final List<Suite> SUITES = List.of(
            new Suite(MaskingBenchmark.class, result -> Integer.parseInt(result.getParams().getParam("size"))),
            new Suite(Utf8ValidationBenchmark.class, result -> Utf8ValidationBenchmark.SIZE),
            new Suite(FrameDecodingBenchmark.class, result -> FrameDecodingBenchmark.bytesPerOperation(
                    Integer.parseInt(result.getParams().getParam("payloadSize")))),
            new Suite(DeflateBenchmark.class, result -> Integer.parseInt(result.getParams().getParam("size")))
    );

    static final List<Target> TARGETS = Stream.concat(Stream.of(
            new Target("unmasking 64 KiB vs System.arraycopy", "MaskingBenchmark.wslabMasking",
                    "MaskingBenchmark.arraycopy", "65536", 0.5),
            new Target("UTF-8 validation, ASCII, vs JDK decoder", "Utf8ValidationBenchmark.wslabValidator",
                    "Utf8ValidationBenchmark.jdkDecoder", "ascii", 1.0),
            new Target("UTF-8 validation, mixed, vs JDK decoder", "Utf8ValidationBenchmark.wslabValidator",
                    "Utf8ValidationBenchmark.jdkDecoder", "mixed", 1.5)
            // Frame decoding has no target in the issue; its ratios are printed for information.
    ), deflateTargets().stream()).toList();

    /** Number of idle connections DeflateMemory opens per setting after the JMH run (0: skip it). */
    static final int MEMORY_CONNECTIONS = Integer.getInteger("wslab.memory.connections", 500);

    /**
     * permessage-deflate: wslab's compressor and inflater at least 0.9 times a bare Deflater/Inflater on the
     * same bytes, for every size, with and without context takeover (issue 12).
     */
    static List<Target> deflateTargets() {
        List<Target> targets = new ArrayList<>();
        for (String context : List.of("KEPT", "RESET")) {
            for (String size : List.of("64", "16384", "1048576")) {
                String label = (context.equals("KEPT") ? "takeover" : "no takeover") + ", " + size + " B";
                targets.add(new Target("deflate, " + label + ", vs bare Deflater", "DeflateBenchmark.wslabCompress",
                        "DeflateBenchmark.jdkCompress", context + "," + size, 0.9));
                targets.add(new Target("inflate, " + label + ", vs bare Inflater", "DeflateBenchmark.wslabInflate",
                        "DeflateBenchmark.jdkInflate", context + "," + size, 0.9));
            }
        }
        return targets;
    }

    private RunBenchmarks() {
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        OptionsBuilder builder = new OptionsBuilder();
        builder.parent(new CommandLineOptions(args));
        // -Dwslab.suites=DeflateBenchmark,MaskingBenchmark runs only those; all of them by default
        List<String> chosen = List.of(System.getProperty("wslab.suites", "").split(","));
        for (Suite suite : SUITES) {
            String name = suite.benchmark().getSimpleName();
            if (chosen.equals(List.of("")) || chosen.contains(name)) {
                builder.include("\\." + name + "\\.");
            }
        }
        Options options = builder.build();
        Collection<RunResult> results = new Runner(options).run();
        printReport(results);
        if (MEMORY_CONNECTIONS > 0) {
            System.out.println();
            try {
                List<DeflateMemory.Cost> costs = new ArrayList<>();
                for (DeflateMemory.Setting setting : DeflateMemory.Setting.values()) {
                    costs.add(DeflateMemory.inChildJvm(setting, MEMORY_CONNECTIONS));
                }
                System.out.println(DeflateMemory.report(costs));
            } catch (IOException | InterruptedException e) {
                System.out.println("memory per connection not measured: " + e.getMessage());
            }
        }
    }

    static void printReport(Collection<RunResult> results) {
        Map<String, Double> gigabytesPerSecond = new TreeMap<>();
        List<String> rows = new ArrayList<>();
        rows.add(String.format(Locale.ROOT, "%-46s %-14s %10s %10s", "benchmark", "param", "GB/s", "± GB/s"));
        for (RunResult result : results) {
            String name = shortName(result.getParams().getBenchmark());
            // the values of the parameters, in the order of their names (e.g. "KEPT,64" for context and size)
            String param = String.join(",", result.getParams().getParamsKeys().stream().sorted()
                    .map(key -> result.getParams().getParam(key)).toList());
            int bytes = suiteOf(name).bytesPerOperation().applyAsInt(result);
            double score = result.getPrimaryResult().getScore();
            double error = result.getPrimaryResult().getScoreError();
            double gbps = score * bytes / 1e9;
            gigabytesPerSecond.put(name + "|" + param, gbps);
            String framesPerSecond = name.startsWith("FrameDecodingBenchmark.")
                    ? String.format(Locale.ROOT, "  %,.0f frames/s",
                    score * FrameDecodingBenchmark.framesPerOperation(Integer.parseInt(param)))
                    : name.startsWith("DeflateBenchmark.")
                    ? String.format(Locale.ROOT, "  %,.1f MB/s, %,.1f µs/message", gbps * 1000, 1e6 / score)
                    : "";
            rows.add(String.format(Locale.ROOT, "%-46s %-14s %10.4f %10.4f%s", name, param, gbps,
                    Double.isNaN(error) ? 0.0 : error * bytes / 1e9, framesPerSecond));
        }
        System.out.println();
        System.out.println("Throughput (1 GB = 10^9 bytes)");
        rows.forEach(System.out::println);
        System.out.println();
        System.out.println("Targets (ratios of throughputs measured in this run)");
        for (Target target : TARGETS) {
            Double candidate = gigabytesPerSecond.get(target.candidate() + "|" + target.param());
            Double baseline = gigabytesPerSecond.get(target.baseline() + "|" + target.param());
            if (candidate == null || baseline == null) {
                System.out.printf(Locale.ROOT, "  %-56s not measured in this run%n", target.description());
                continue;
            }
            double ratio = candidate / baseline;
            System.out.printf(Locale.ROOT, "  %-56s %5.2fx (target >= %.1fx)  %s%n", target.description(), ratio,
                    target.minimumRatio(), ratio >= target.minimumRatio() ? "met" : "MISSED");
        }
    }

    private static String shortName(String benchmark) {
        String[] parts = benchmark.split("\\.");
        return parts[parts.length - 2] + "." + parts[parts.length - 1];
    }

    private static Suite suiteOf(String shortName) {
        return SUITES.stream()
                .filter(suite -> shortName.startsWith(suite.benchmark().getSimpleName() + "."))
                .findFirst()
                .orElseThrow();
    }
}
