package dev.wslab.cli;

import picocli.CommandLine;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** DurationConverter reads durations on the command line: {@code 500ms}, {@code 20s}, {@code 2m}, {@code 0}, or ISO-8601 ({@code PT20S}). */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        try {
            Duration duration;
            if (text.equals("0")) {
                duration = Duration.ZERO;
            } else if (text.startsWith("p")) {
                duration = Duration.parse(text.toUpperCase(Locale.ROOT));
            } else if (text.endsWith("ms")) {
                duration = Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            } else if (text.endsWith("s")) {
                duration = Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
            } else if (text.endsWith("m")) {
                duration = Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
            } else {
                throw new NumberFormatException();
            }
            if (duration.isNegative()) {
                throw new NumberFormatException();
            }
            return duration;
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration (examples: 500ms, 20s, 2m, 0)");
        }
    }
}
