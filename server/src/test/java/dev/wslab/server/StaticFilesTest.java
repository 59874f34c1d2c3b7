package dev.wslab.server;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("StaticFiles: a directory under a URL prefix, and nothing outside it")
class StaticFilesTest {

    @TempDir
    Path dir;

    @Test
    void resolvesFilesUnderThePrefixAndIndexHtmlForTheDirectory() throws Exception {
        Path www = Files.createDirectories(dir.resolve("www/js"));
        Files.writeString(www.resolve("app.js"), "1");
        Files.writeString(www.getParent().resolve("index.html"), "<p>");
        StaticFiles files = new StaticFiles("/static/", www.getParent());

        assertThat(files.resolve("/static/js/app.js")).contains(www.resolve("app.js"));
        assertThat(files.resolve("/static/")).contains(www.getParent().resolve("index.html"));
        assertThat(files.resolve("/static/js%2Fapp.js")).contains(www.resolve("app.js"));
    }

    @Test
    void refusesEveryWayOutOfTheDirectory() throws Exception {
        Path www = Files.createDirectory(dir.resolve("www"));
        Files.writeString(dir.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(www.resolve("link.txt"), dir.resolve("secret.txt"));
        StaticFiles files = new StaticFiles("/static/", www);

        for (String path : new String[] {"/static/../secret.txt", "/static/%2e%2e/secret.txt",
                "/static/..%2Fsecret.txt", "/static/%2E%2E%5Csecret.txt", "/static/%2Fetc/passwd",
                "/static/link.txt", "/static/nul%00.txt", "/static/%zz"}) {
            assertThat(files.resolve(path)).as(path).isEmpty();
        }
    }

    @Test
    void namesTheContentTypesBrowsersInsistOn() {
        assertThat(StaticFiles.contentType(Path.of("a.html"))).isEqualTo("text/html; charset=utf-8");
        assertThat(StaticFiles.contentType(Path.of("a.JS"))).isEqualTo("text/javascript; charset=utf-8");
        assertThat(StaticFiles.contentType(Path.of("a.css"))).isEqualTo("text/css; charset=utf-8");
        assertThat(StaticFiles.contentType(Path.of("a.bin"))).isEqualTo("application/octet-stream");
    }
}
