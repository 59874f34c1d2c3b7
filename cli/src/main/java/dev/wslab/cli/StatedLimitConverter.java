package dev.wslab.cli;

import dev.wslab.conformance.catalog.StatedLimits.Limit;
import picocli.CommandLine;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * StatedLimitConverter reads a server limit the user states with {@code ./wslab conform --expect-*}: a
 * duration ({@code 30s}), a size ({@code 16MiB}) or a count ({@code 1000}), or {@code none} for a server
 * that has no such limit.
 */
final class StatedLimitConverter {

    private static final String NONE = "none";
    /** A whole number of bytes, kibibytes, mebibytes or gibibytes; kB, MB, GB are decimal. */
    private static final Pattern SIZE = Pattern.compile("(\\d{1,10})\\s*(b|kib|mib|gib|kb|mb|gb)?");

    private StatedLimitConverter() {
    }

    /** {@code 30s}, {@code 500ms}, {@code 2m}, or {@code none}. */
    static final class Timeout implements CommandLine.ITypeConverter<Limit<Duration>> {
        @Override
        public Limit<Duration> convert(String value) {
            if (value.strip().equalsIgnoreCase(NONE)) {
                return new Limit.None<>();
            }
            Duration duration;
            try {
                duration = new DurationConverter().convert(value);
            } catch (CommandLine.TypeConversionException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a timeout (examples: 30s, 500ms, 2m, none)");
            }
            if (duration.isZero()) {
                throw new CommandLine.TypeConversionException("'" + value + "': a timeout is longer than 0 (or 'none')");
            }
            return new Limit.AtMost<>(duration);
        }
    }

    /** {@code 16MiB}, {@code 64KiB}, {@code 1048576}, or {@code none}. */
    static final class Size implements CommandLine.ITypeConverter<Limit<Long>> {
        @Override
        public Limit<Long> convert(String value) {
            String text = value.strip().toLowerCase(Locale.ROOT);
            if (text.equals(NONE)) {
                return new Limit.None<>();
            }
            Matcher size = SIZE.matcher(text);
            if (!size.matches()) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a size (examples: 16MiB, 64KiB,"
                        + " 1048576, none; units B, KiB, MiB, GiB, kB, MB, GB)");
            }
            long unit = switch (size.group(2) == null ? "b" : size.group(2)) {
                case "kib" -> 1L << 10;
                case "mib" -> 1L << 20;
                case "gib" -> 1L << 30;
                case "kb" -> 1_000L;
                case "mb" -> 1_000_000L;
                case "gb" -> 1_000_000_000L;
                default -> 1L;
            };
            return new Limit.AtMost<>(positive(value, Long.parseLong(size.group(1)) * unit));
        }
    }

    /** {@code 1000}, or {@code none}. */
    static final class Count implements CommandLine.ITypeConverter<Limit<Long>> {
        @Override
        public Limit<Long> convert(String value) {
            String text = value.strip();
            if (text.equalsIgnoreCase(NONE)) {
                return new Limit.None<>();
            }
            if (!text.matches("\\d{1,18}")) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a count (examples: 1000, none)");
            }
            return new Limit.AtMost<>(positive(value, Long.parseLong(text)));
        }
    }

    private static long positive(String value, long amount) {
        if (amount <= 0) {
            throw new CommandLine.TypeConversionException("'" + value + "': a limit is at least 1 (or 'none')");
        }
        return amount;
    }
}
