package dev.wslab.tutorials.monitoring;

import dev.wslab.protocol.close.CloseCode;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.server.WebSocketHandler;
import dev.wslab.transport.Message;
import dev.wslab.transport.WebSocketSession;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * RestartOnceHandler plays a service going through a restart: the first connection gets a message and is
 * then closed with 1012 (Service Restart), which tells a client to reconnect; later ones just echo.
 */
public final class RestartOnceHandler implements WebSocketHandler {

    private final AtomicInteger connections = new AtomicInteger();

    @Override
    public void handle(WebSocketSession session) throws InterruptedException {
        if (connections.incrementAndGet() == 1) {
            session.sendText("about to restart");
            session.close(CloseStatus.of(CloseCode.SERVICE_RESTART, "restarting"));
            return;
        }
        Optional<Message> message;
        while ((message = session.receive()).isPresent()) {
            session.send(message.get());
        }
    }
}
