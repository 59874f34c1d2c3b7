package dev.wslab.server;

import dev.wslab.protocol.http.HttpHeaders;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * StaticFiles serves the files of one directory under a URL prefix, for browser demos: the page that
 * opens the WebSocket is served by the same server, so its {@code Origin} is the server's own.
 *
 * <p>Safe against path traversal: the decoded path is resolved against the root, normalized, and must
 * still lie under the root; a path holding {@code ..}, a backslash or a NUL is refused outright, and so
 * is any symbolic link that leads out of the root ({@link Path#toRealPath} is checked too).
 *
 * @param prefix the URL path it serves, e.g. {@code /static/}; ends with {@code /}
 * @param root the directory served
 */
public record StaticFiles(String prefix, Path root) {

    public StaticFiles {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(root, "root");
        if (!prefix.startsWith("/") || !prefix.endsWith("/")) {
            throw new IllegalArgumentException("a static files prefix starts and ends with '/', got " + prefix);
        }
        root = root.toAbsolutePath().normalize();
    }

    /** Tells whether {@code path} (without query) is under this prefix. */
    public boolean matches(String path) {
        return path.startsWith(prefix) || path.equals(prefix.substring(0, prefix.length() - 1));
    }

    /** Returns the answer for {@code path}: the file with its Content-Type, or 404 / 403. */
    public HttpAnswer answer(String path) {
        Optional<Path> file = resolve(path);
        if (file.isEmpty()) {
            return HttpAnswer.text(404, "no such file: " + path);
        }
        try {
            return new HttpAnswer(200, contentType(file.get()), Files.readAllBytes(file.get()),
                    HttpHeaders.empty());
        } catch (IOException e) {
            return HttpAnswer.text(404, "cannot read: " + path);
        }
    }

    /** Returns the regular file under the root that {@code path} names, or empty when there is none or it escapes. */
    Optional<Path> resolve(String path) {
        String relative = path.length() > prefix.length() ? path.substring(prefix.length()) : "";
        String decoded;
        try {
            decoded = URLDecoder.decode(relative.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (decoded.isEmpty() || decoded.endsWith("/")) {
            decoded = decoded + "index.html";
        }
        if (decoded.contains("..") || decoded.contains("\\") || decoded.indexOf('\0') >= 0 || decoded.startsWith("/")) {
            return Optional.empty();
        }
        Path candidate = root.resolve(decoded).normalize();
        if (!candidate.startsWith(root) || !Files.isRegularFile(candidate)) {
            return Optional.empty();
        }
        try {
            return candidate.toRealPath().startsWith(root.toRealPath()) ? Optional.of(candidate) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Returns the media type of a file from its extension; browsers refuse scripts served as anything else. */
    static String contentType(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
        return switch (extension) {
            case "html", "htm" -> "text/html; charset=utf-8";
            case "js", "mjs" -> "text/javascript; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "json" -> "application/json";
            case "txt" -> "text/plain; charset=utf-8";
            case "svg" -> "image/svg+xml";
            case "png" -> "image/png";
            case "ico" -> "image/x-icon";
            default -> "application/octet-stream";
        };
    }
}
