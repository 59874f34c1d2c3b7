package dev.wslab.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code wslab serve}: not written yet. */
@Command(name = "serve", description = "(not implemented yet)", mixinStandardHelpOptions = true)
final class ServeCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("'wslab serve' is not implemented yet");
    }
}
