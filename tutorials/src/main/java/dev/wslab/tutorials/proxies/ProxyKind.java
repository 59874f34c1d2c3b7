package dev.wslab.tutorials.proxies;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * ProxyKind is a reverse proxy the tutorial runs in front of a WebSocket server: where its program is,
 * which configuration template it reads, and the command line that runs it in the foreground with
 * everything it writes (pid, logs, temporary files) in one working directory.
 */
public enum ProxyKind {

    /** nginx, as Debian installs it. */
    NGINX("nginx", Path.of("/usr/sbin/nginx"), Path.of("nginx", "websocket.conf"), "apt-get install nginx"),

    /** HAProxy, as Debian installs it. */
    HAPROXY("HAProxy", Path.of("/usr/sbin/haproxy"), Path.of("haproxy", "websocket.cfg"), "apt-get install haproxy");

    private final String displayName;
    private final Path program;
    private final Path template;
    private final String installHint;

    ProxyKind(String displayName, Path program, Path template, String installHint) {
        this.displayName = displayName;
        this.program = program;
        this.template = template;
        this.installHint = installHint;
    }

    /** Returns the program, e.g. /usr/sbin/nginx. */
    public Path program() {
        return program;
    }

    /** Returns whether the program is installed here. */
    public boolean installed() {
        return Files.isExecutable(program);
    }

    /** Returns how to install it on Debian, for the message of a skipped test. */
    public String installHint() {
        return installHint;
    }

    /** Returns the WebSocket configuration template, relative to the config folder (src/main/config). */
    public Path template() {
        return template;
    }

    /** Returns the command that runs the proxy in the foreground with {@code config}, files in {@code workDir}. */
    // tag::command[]
    public List<String> command(Path config, Path workDir) {
        return switch (this) {
            // -p: the prefix that relative paths in the configuration resolve against;
            // -e stderr: errors before the configuration is read go to stderr, not /var/log/nginx;
            // daemon off: stay in the foreground, a child of this JVM.
            case NGINX -> List.of(program.toString(), "-p", workDir + "/", "-c", config.toString(),
                    "-e", "stderr", "-g", "daemon off;");
            // -db: no background mode; HAProxy stays in the foreground.
            case HAPROXY -> List.of(program.toString(), "-f", config.toString(), "-db");
        };
    }
    // end::command[]

    @Override
    public String toString() {
        return displayName;
    }
}
