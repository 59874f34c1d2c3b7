package dev.wslab.cli;

import dev.wslab.protocol.handshake.AcceptKey;
import dev.wslab.protocol.handshake.WebSocketKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

/** {@code wslab accept-key KEY}: the Sec-WebSocket-Accept a server must answer to a Sec-WebSocket-Key (RFC 6455 §4.2.2). */
@Command(name = "accept-key",
        description = {"Computes the Sec-WebSocket-Accept value for a Sec-WebSocket-Key (RFC 6455 §4.2.2).",
                "Example: wslab accept-key dGhlIHNhbXBsZSBub25jZQ=="},
        mixinStandardHelpOptions = true)
final class AcceptKeyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "KEY", description = "the client's Sec-WebSocket-Key: base64 of 16 random bytes")
    String key;

    @Override
    public Integer call() {
        if (!WebSocketKey.isValid(key)) {
            spec.commandLine().getErr().println("wslab: '" + key + "' is not a valid Sec-WebSocket-Key "
                    + "(base64 of exactly 16 bytes, 24 characters ending in '=='); the accept value is shown anyway");
        }
        spec.commandLine().getOut().println(AcceptKey.of(key));
        return 0;
    }
}
