package dev.wslab.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code wslab connect}: not written yet. */
@Command(name = "connect", description = "(not implemented yet)", mixinStandardHelpOptions = true)
final class ConnectCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("'wslab connect' is not implemented yet");
    }
}
