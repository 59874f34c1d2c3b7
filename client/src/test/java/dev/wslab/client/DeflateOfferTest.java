package dev.wslab.client;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("WebSocketClient: offers permessage-deflate by default and refuses answers RFC 7692 §7 forbids")
class DeflateOfferTest {

    /** A one-shot server on a plain socket: reads the request head, answers 101 with {@code extensionLine}. */
    private static CompletableFuture<List<String>> answerOnce(ServerSocket listener, String extensionLine) {
        return CompletableFuture.supplyAsync(() -> {
            try (Socket socket = listener.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
                List<String> head = new ArrayList<>();
                String key = "";
                for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                    head.add(line);
                    if (line.regionMatches(true, 0, "Sec-WebSocket-Key:", 0, 18)) {
                        key = line.substring(18).strip();
                    }
                }
                // RFC 6455 §4.2.2: the accept value is base64(SHA-1(key + the GUID)).
                String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                        .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.ISO_8859_1)));
                socket.getOutputStream().write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Accept: " + accept + "\r\n" + extensionLine + "\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                in.read(); // wait for the client to give up
                return head;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void theDefaultOptionsOfferPermessageDeflateAsBrowsersDo() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<List<String>> head = answerOnce(listener, "");
            WebSocketClient.connect(URI.create("ws://127.0.0.1:" + listener.getLocalPort() + "/"), ClientOptions.DEFAULTS)
                    .abort("test done");
            assertThat(head.get()).contains("Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits");
        }
    }

    @Test
    void withoutDeflateOffersNoExtension() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<List<String>> head = answerOnce(listener, "");
            WebSocketClient.connect(URI.create("ws://127.0.0.1:" + listener.getLocalPort() + "/"),
                    ClientOptions.DEFAULTS.withoutDeflate()).abort("test done");
            assertThat(head.get()).noneMatch(line -> line.toLowerCase().startsWith("sec-websocket-extensions"));
        }
    }

    @Test
    void aWindowOfSevenBitsInTheAnswerFailsTheConnectInOneLineNamingTheParameterAndTheClause() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            answerOnce(listener, "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits=7\r\n");
            assertThatThrownBy(() -> WebSocketClient.connect(
                    URI.create("ws://127.0.0.1:" + listener.getLocalPort() + "/"), ClientOptions.DEFAULTS))
                    .isInstanceOf(ConnectFailedException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n")
                            .contains("client_max_window_bits").contains("RFC 7692 §7"));
        }
    }
}
