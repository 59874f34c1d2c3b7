package dev.wslab.tutorials.limits;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * ProcessFds reads, on Linux, what {@code ls /proc/<pid>/fd | wc -l} and {@code ulimit -n} tell in a
 * shell: how many file descriptors this process holds, and how many it may hold. Every socket is one, so
 * the second number is a hard ceiling on open connections, whatever the server's own limit says.
 */
public final class ProcessFds {

    private static final Path FDS = Path.of("/proc/self/fd");
    private static final Path LIMITS = Path.of("/proc/self/limits");

    private ProcessFds() {
    }

    /** Tells whether this system exposes /proc (Linux). */
    public static boolean available() {
        return Files.isDirectory(FDS) && Files.isReadable(LIMITS);
    }

    // tag::fds[]
    /** Returns the number of file descriptors open in this process: the entries of /proc/self/fd. */
    public static long openCount() throws IOException {
        try (Stream<Path> fds = Files.list(FDS)) {
            return fds.count();
        }
    }

    /** Returns the soft limit on open files ({@code ulimit -n}), from the "Max open files" line of /proc/self/limits. */
    public static OptionalLong softLimit() throws IOException {
        for (String line : Files.readAllLines(LIMITS)) {
            if (line.startsWith("Max open files")) {
                String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                return soft.equals("unlimited") ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(soft));
            }
        }
        return OptionalLong.empty();
    }
    // end::fds[]
}
