package dev.wslab.server;

import dev.wslab.protocol.close.CloseCode;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.connection.Event;
import io.undertow.connector.ByteBufferPool;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.websockets.client.WebSocketClient;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedBinaryMessage;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.CloseMessage;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Xnio;
import org.xnio.XnioWorker;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Our server against Undertow's WebSocket client, an independent implementation on XNIO. */
@DisplayName("interop: Undertow WebSocketClient ↔ WebSocketServer")
class UndertowInteropTest {

    private WebSocketServer server;
    private XnioWorker worker;
    private ByteBufferPool buffers;
    private WebSocketChannel channel;
    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final CompletableFuture<Void> channelClosed = new CompletableFuture<>();
    private final CompletableFuture<Event.Closed> serverSideEnd = new CompletableFuture<>();

    @BeforeEach
    void start() throws Exception {
        server = WebSocketServer.builder().endpoint("/echo", Endpoints.echo())
                .endpoint("/watch", session -> {
                    Endpoints.echo().handle(session);
                    serverSideEnd.complete(session.closed().get(10, TimeUnit.SECONDS));
                })
                .endpoint("/kick", session -> {
                    session.receive();
                    session.close(CloseStatus.of(CloseCode.of(4002), "kicked"));
                    while (session.receive().isPresent()) {
                        // until the closing handshake is over
                    }
                }).start();
        worker = Xnio.getInstance().createWorker(OptionMap.builder()
                .set(Options.WORKER_IO_THREADS, 1).set(Options.THREAD_DAEMON, true).getMap());
        buffers = new DefaultByteBufferPool(false, 16 * 1024);
    }

    private void connect(String path) throws Exception {
        channel = WebSocketClient.connectionBuilder(worker, buffers, URI.create(server.uri(path))).connect().get();
        channel.addCloseTask(ws -> channelClosed.complete(null));
        channel.getReceiveSetter().set(new AbstractReceiveListener() {
            @Override
            protected void onFullTextMessage(WebSocketChannel ws, BufferedTextMessage message) {
                received.add(message.getData());
            }

            @Override
            protected void onFullBinaryMessage(WebSocketChannel ws, BufferedBinaryMessage message) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try (var data = message.getData()) {
                    for (ByteBuffer buffer : data.getResource()) {
                        byte[] chunk = new byte[buffer.remaining()];
                        buffer.get(chunk);
                        bytes.writeBytes(chunk);
                    }
                }
                received.add(bytes.toByteArray());
            }

            @Override
            protected void onCloseMessage(CloseMessage message, WebSocketChannel ws) {
                closeCode.complete(message.getCode());
            }
        });
        channel.resumeReceives();
    }

    @AfterEach
    void stop() throws Exception {
        if (channel != null) {
            channel.close();
        }
        server.close();
        worker.shutdownNow();
        worker.awaitTermination(10, TimeUnit.SECONDS);
        buffers.close();
    }

    private Object next() throws InterruptedException {
        Object message = received.poll(10, TimeUnit.SECONDS);
        assertThat(message).as("a message within 10 s").isNotNull();
        return message;
    }

    @Test
    void textAndBinaryMessagesComeBack() throws Exception {
        connect("/echo");
        byte[] data = new byte[1 << 20];
        new Random(1).nextBytes(data);

        WebSockets.sendTextBlocking("hello from undertow", channel);
        // Undertow masks the buffer it is given in place: send a copy.
        WebSockets.sendBinaryBlocking(ByteBuffer.wrap(data.clone()), channel);

        assertThat(next()).isEqualTo("hello from undertow");
        byte[] echoed = (byte[]) next();
        assertThat(echoed.length).isEqualTo(data.length);
        assertThat(Arrays.mismatch(echoed, data)).as("index of the first differing byte").isEqualTo(-1);
        WebSockets.sendTextBlocking("still open?", channel);
        assertThat(next()).as("the connection survives a message of the maximum size").isEqualTo("still open?");
    }

    @Test
    void theServerAnswersUndertowsCloseAndTheConnectionEnds() throws Exception {
        connect("/watch");

        WebSockets.sendCloseBlocking(4000, "done", channel);

        channelClosed.get(10, TimeUnit.SECONDS);
        Event.Closed end = serverSideEnd.get(10, TimeUnit.SECONDS);
        assertThat(end.received()).isEqualTo(CloseStatus.of(CloseCode.of(4000), "done"));
        assertThat(end.cleanly()).as("a Close frame went each way").isTrue();
    }

    @Test
    void aCloseFromTheServerReachesUndertowWithItsCode() throws Exception {
        connect("/kick");

        WebSockets.sendTextBlocking("kick me", channel);

        assertThat(closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(4002);
    }
}
