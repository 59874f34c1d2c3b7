package dev.wslab.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("wslab serve")
class ServeCommandTest {

    private HttpClient client;

    @AfterEach
    void closeClient() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void echoesOnAnyPathAndSays1001WhenItStops() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        // Its own thread, not the common pool, which the HttpClient also relies on.
        Thread.ofPlatform().name("serve-under-test").start(() -> exit.complete(Main.run(
                new PrintWriter(out, true), new PrintWriter(err, true), "serve", "--port", "0", "--exit-after", "3s")));
        int port = CommandLineRunner.awaitPort(out);
        CompletableFuture<String> echoed = new CompletableFuture<>();
        CompletableFuture<Integer> closeCode = new CompletableFuture<>();
        client = HttpClient.newHttpClient();

        WebSocket webSocket = client.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/any/path"),
                new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        echoed.complete(data.toString());
                        ws.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                        closeCode.complete(statusCode);
                        return null;
                    }
                }).join();
        webSocket.sendText("hi", true).join();

        assertThat(echoed.get(10, TimeUnit.SECONDS)).isEqualTo("hi");
        assertThat(exit.get(20, TimeUnit.SECONDS)).isZero();
        assertThat(closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(1001);
        assertThat(out.toString()).isEqualTo("wslab: echo server listening on ws://127.0.0.1:" + port
                + "/ (Ctrl-C to stop)" + System.lineSeparator());
        webSocket.abort();
    }

    @Test
    void aPortInUseIsOneLineAndExitCode1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            CommandLineRunner result = CommandLineRunner.run("serve", "--port", Integer.toString(port));

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).isEqualTo("wslab: cannot listen on 127.0.0.1:" + port
                    + ": Address already in use" + System.lineSeparator());
        }
    }

    @Test
    void aBadDurationIsAUsageError() {
        CommandLineRunner result = CommandLineRunner.run("serve", "--ping-interval", "soon");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("wslab: ").contains("soon").doesNotContain("Exception", "\tat ");
    }

    @Test
    void optionsThatCannotWorkAreOneLineAndExitCode2() {
        for (String[] args : new String[][] {
                {"serve", "--port", "70000"},
                {"serve", "--max-connections", "0"},
                {"serve", "--max-message-size", "0"},
                {"serve", "--tls-keystore", "x.p12"}}) {
            CommandLineRunner result = CommandLineRunner.run(args);
            assertThat(result.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(result.err()).as(String.join(" ", args)).startsWith("wslab: ")
                    .hasLineCount(1).doesNotContain("Exception");
        }
    }

    @Test
    void anUnreadableKeystoreIsOneLineAndExitCode1() {
        CommandLineRunner result = CommandLineRunner.run("serve", "--port", "0",
                "--tls-keystore", "/nonexistent/wslab.p12", "--tls-password", "changeit");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("wslab: ").hasLineCount(1).contains("/nonexistent/wslab.p12");
    }


}
