package dev.wslab.client;

import dev.wslab.transport.resume.ResumeBuffer;
import dev.wslab.transport.resume.ResumeProtocol;
import dev.wslab.transport.resume.ResumeBuffer.Replay;
import dev.wslab.transport.resume.ResumeProtocol.Numbered;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.OptionalLong;

/**
 * An Undertow server speaking {@link ResumeProtocol} from a {@link ResumeBuffer}: a client's
 * "resume N" is answered with what it missed, then it receives each published message live.
 */
final class ResumeServer implements AutoCloseable {

    private final ResumeBuffer buffer;
    private final Undertow undertow;
    /** The connection receiving live messages; guarded by this, together with the buffer. */
    private WebSocketChannel live;

    ResumeServer(int capacity) {
        buffer = new ResumeBuffer(capacity);
        undertow = Undertow.builder().setIoThreads(1).setWorkerThreads(2).addHttpListener(0, "127.0.0.1")
                .setHandler(Handlers.websocket((exchange, channel) -> {
                    channel.getReceiveSetter().set(new AbstractReceiveListener() {
                        @Override
                        protected void onFullTextMessage(WebSocketChannel ch, BufferedTextMessage message) {
                            OptionalLong lastId = ResumeProtocol.parseResumeRequest(message.getData());
                            if (lastId.isPresent()) {
                                resume(ch, lastId.getAsLong());
                            }
                        }
                    });
                    channel.resumeReceives();
                })).build();
        undertow.start();
    }

    /**
     * Replays and goes live in one step under the lock: a message published between the two would
     * otherwise be in neither the replay nor the live stream.
     */
    private synchronized void resume(WebSocketChannel channel, long lastId) {
        switch (buffer.replayAfter(lastId)) {
            case Replay.Messages replay -> {
                replay.messages().forEach(m -> WebSockets.sendText(m.encode(), channel, null));
                live = channel;
            }
            case Replay.Gap gap -> WebSockets.sendText(ResumeProtocol.gap(gap.oldestHeld()), channel, null);
        }
    }

    /** Numbers and keeps {@code payload}, and sends it to the live client if there is one. */
    synchronized void publish(String payload) {
        Numbered message = buffer.append(payload);
        if (live != null && live.isOpen()) {
            WebSockets.sendText(message.encode(), live, null);
        }
    }

    /** Drops the live client's TCP connection without a closing handshake (the client sees 1006). */
    synchronized void drop() throws IOException {
        if (live != null) {
            live.close();
            live = null;
        }
    }

    /** Closes the live client's connection with 1000. */
    synchronized void closeNormally() {
        if (live != null) {
            WebSockets.sendClose(1000, "done", live, null);
        }
    }

    URI uri() {
        int port = ((InetSocketAddress) undertow.getListenerInfo().getFirst().getAddress()).getPort();
        return URI.create("ws://127.0.0.1:" + port + "/feed");
    }

    @Override
    public void close() {
        undertow.stop();
    }
}
