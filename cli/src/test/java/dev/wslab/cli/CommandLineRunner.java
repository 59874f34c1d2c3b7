package dev.wslab.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs {@code wslab} in-process and captures what it prints. */
record CommandLineRunner(int exitCode, String out, String err) {

    static CommandLineRunner run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CommandLineRunner(exitCode, out.toString(), err.toString());
    }

    /** Waits for {@code wslab serve}, writing to {@code out}, to say which port it listens on, and returns it. */
    static int awaitPort(StringWriter out) throws InterruptedException {
        return awaitPort(out, Pattern.compile("listening on ws://127\\.0\\.0\\.1:(\\d+)/"));
    }

    /** Waits for a command writing to {@code out} to print {@code listening}, whose first group is the port. */
    static int awaitPort(StringWriter out, Pattern listening) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Matcher matcher = listening.matcher(out.toString());
            if (matcher.find()) {
                return Integer.parseInt(matcher.group(1));
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the server did not say where it listens: " + out);
    }
}
