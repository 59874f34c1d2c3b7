package dev.wslab.tutorials.proxies;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ConfigTemplate is a proxy configuration file with placeholders such as {@code ${LISTEN_PORT}}: upper-case
 * names in {@code ${...}}, like the templates that envsubst fills. Everything else is left exactly as
 * written, including nginx's own lower-case variables ({@code $http_upgrade}), so the file the tutorial
 * shows is the file the proxy runs, with only the placeholders replaced.
 *
 * @param source where the template was read from, for error messages
 * @param text the template's text
 */
public record ConfigTemplate(String source, String text) {

    /** The placeholder syntax: ${NAME}, NAME in upper case. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}");

    /** Reads a template from a file. */
    public static ConfigTemplate read(Path file) throws IOException {
        return new ConfigTemplate(file.toString(), Files.readString(file));
    }

    /**
     * Replaces every placeholder with its value.
     *
     * @throws IllegalArgumentException when the template uses a placeholder {@code values} does not have:
     *     a proxy started with a literal {@code ${BACKEND_PORT}} in its configuration would fail later and
     *     less clearly
     */
    // tag::render[]
    public String render(Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder rendered = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = values.get(name);
            if (value == null) {
                throw new IllegalArgumentException(source + " uses ${" + name + "}, which has no value (given: "
                        + values.keySet() + ")");
            }
            matcher.appendReplacement(rendered, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(rendered);
        return rendered.toString();
    }
    // end::render[]
}
