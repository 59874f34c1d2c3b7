package dev.wslab.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * SourceIndex finds where a name is used in a tree of Java sources: the file, the line, and the method
 * around it. The traceability table is built from it, so it points at the code as it is, not as a
 * hand-kept list remembers it.
 */
final class SourceIndex {

    private static final Pattern METHOD = Pattern.compile("\\b(?:void|[A-Z][\\w<>\\[\\], ?]*|(?:boolean|int|long|byte)(?:\\[\\])?)\\s+(\\w+)\\s*\\(");

    /** One use of a name. */
    record Use(Path file, int line, String method) {
        /** The file's simple name, e.g. {@code FrameDecoder.java}. */
        String fileName() {
            return file.getFileName().toString();
        }

        /** {@code FrameDecoderTest.reservedBitsAreAProtocolError} or, outside a method, the file name. */
        String classAndMethod() {
            String type = fileName().replace(".java", "");
            return method.isEmpty() ? type : type + "." + method;
        }
    }

    private final Path root;
    private final List<Path> files;

    private SourceIndex(Path root, List<Path> files) {
        this.root = root;
        this.files = files;
    }

    /** Indexes every {@code .java} file under the given folders, in path order. */
    static SourceIndex of(Path root, Path... folders) {
        List<Path> files = new ArrayList<>();
        for (Path folder : folders) {
            try (Stream<Path> walk = Files.walk(folder)) {
                walk.filter(path -> path.toString().endsWith(".java")).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new SourceIndex(root, files);
    }

    /** Returns every use of {@code name} as a whole word, skipping the files whose name is in {@code except}. */
    List<Use> usesOf(String name, String... except) {
        Pattern word = Pattern.compile("\\b" + Pattern.quote(name) + "\\b");
        List<Use> uses = new ArrayList<>();
        for (Path file : files) {
            if (List.of(except).contains(file.getFileName().toString())) {
                continue;
            }
            List<String> lines = read(file);
            String method = "";
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                Matcher declaration = METHOD.matcher(line);
                if (declaration.find() && isDeclaration(line)) {
                    method = declaration.group(1);
                }
                if (word.matcher(stripComment(line)).find()) {
                    uses.add(new Use(root.relativize(file), i + 1, method));
                }
            }
        }
        return uses;
    }

    private static boolean isDeclaration(String line) {
        String trimmed = line.strip();
        return line.startsWith("    ") && !line.startsWith("         ") && !trimmed.startsWith("return")
                && !trimmed.startsWith("new ") && !trimmed.contains("=") && !trimmed.startsWith("//")
                && !trimmed.startsWith("*") && (trimmed.endsWith("{") || trimmed.endsWith(","));
    }

    private static String stripComment(String line) {
        String trimmed = line.strip();
        if (trimmed.startsWith("*") || trimmed.startsWith("/*") || trimmed.startsWith("//")) {
            return "";
        }
        int comment = line.indexOf("//");
        return comment < 0 ? line : line.substring(0, comment);
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
