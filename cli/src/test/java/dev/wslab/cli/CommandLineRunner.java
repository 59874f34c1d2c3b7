package dev.wslab.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs {@code wslab} in-process and captures what it prints. */
record CommandLineRunner(int exitCode, String out, String err) {

    static CommandLineRunner run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CommandLineRunner(exitCode, out.toString(), err.toString());
    }
}
