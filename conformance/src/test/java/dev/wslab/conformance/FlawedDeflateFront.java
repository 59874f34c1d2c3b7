package dev.wslab.conformance;

import dev.wslab.protocol.Limits;
import dev.wslab.protocol.deflate.DeflateOptions;
import dev.wslab.protocol.deflate.PerMessageDeflate;
import dev.wslab.protocol.extension.Extension;
import dev.wslab.protocol.extension.ExtensionHeaderParser;
import dev.wslab.protocol.extension.ExtensionParameter;
import dev.wslab.protocol.extension.ParsedExtensions;
import dev.wslab.server.Endpoints;
import dev.wslab.server.ReferenceServer;
import dev.wslab.server.WebSocketServer;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * FlawedDeflateFront is wslab's reference server, really started, behind a front on 127.0.0.1 that gives it
 * one flaw of permessage-deflate (RFC 7692) as real servers have had them: the front rewrites the opening
 * handshake or the client's frames on their way through, and the server behind it does the rest. Without a
 * flaw it passes everything through, unchanged.
 */
final class FlawedDeflateFront implements AutoCloseable {

    /** One rule of RFC 7692, or one defence, the server is made to lack. */
    enum Flaw {
        /** §6.1: RSV1 on a continuation frame is accepted (the front clears it: Jetty before 2019, python-websockets #1720). */
        ACCEPTS_COMPRESSED_CONTINUATIONS,
        /** RFC 6455 §10.4: no real limit on an inflated message (256 MiB): a bomb is inflated in full (CVE-2018-1000518). */
        NO_INFLATION_LIMIT,
        /** §7.2.1: it agrees server_no_context_takeover, but the server behind was never asked to: it keeps its context. */
        KEEPS_CONTEXT_AFTER_AGREEING_NOT_TO,
        /** §7.2.1: it agrees server_max_window_bits=w, but the server behind compresses with its 32 KiB window. */
        IGNORES_AGREED_WINDOW,
        /** §7: a request with an offer the server must decline is refused with 400 (ws, Autobahn's fuzzing server). */
        REFUSES_INVALID_OFFERS
    }

    private static final String EXTENSIONS = "Sec-WebSocket-Extensions";

    private final Optional<Flaw> flaw;
    private final WebSocketServer server;
    private final ServerSocket listener;

    FlawedDeflateFront(Optional<Flaw> flaw) throws IOException {
        this.flaw = flaw;
        long limit = flaw.equals(Optional.of(Flaw.NO_INFLATION_LIMIT)) ? 256L << 20 : ReferenceServer.MAX_MESSAGE_SIZE;
        this.server = WebSocketServer.builder().port(0).defaultEndpoint(Endpoints.echo())
                .limits(Limits.DEFAULTS.withMaxMessageSize(limit)).deflate(DeflateOptions.DEFAULTS).start();
        this.listener = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::accept);
    }

    String uri() {
        return "ws://127.0.0.1:" + listener.getLocalPort() + "/";
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Thread.ofVirtual().start(() -> relay(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void relay(Socket client) {
        try (client; Socket backend = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            client.setTcpNoDelay(true);
            backend.setTcpNoDelay(true);
            InputStream fromClient = client.getInputStream();
            String request = head(fromClient);
            List<Extension> offers = offers(request);
            boolean someInvalid = offers.stream().anyMatch(o -> o.name().equals(PerMessageDeflate.NAME)
                    && PerMessageDeflate.answer(List.of(o), DeflateOptions.DEFAULTS).agreement().isEmpty());
            if (flaw.equals(Optional.of(Flaw.REFUSES_INVALID_OFFERS)) && someInvalid) {
                client.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                return;
            }
            // The parameter the server behind must not see, to be added back to its answer; only valid offers.
            Optional<ExtensionParameter> hidden = someInvalid ? Optional.empty() : hiddenParameter(offers);
            if (hidden.isPresent()) {
                List<Extension> without = offers.stream().map(o -> new Extension(o.name(), o.parameters().stream()
                        .filter(p -> !p.name().equals(hidden.get().name())).toList())).toList();
                request = withoutExtensions(request) + EXTENSIONS + ": " + Extension.toHeaderValue(without) + "\r\n\r\n";
            }
            backend.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            InputStream fromBackend = backend.getInputStream();
            String response = head(fromBackend);
            if (hidden.isPresent()) {
                response = response.replaceFirst("(?im)^(" + EXTENSIONS + ": permessage-deflate[^\r]*)",
                        "$1; " + hidden.get().toString().replace("$", "\\$"));
            }
            client.getOutputStream().write(response.getBytes(StandardCharsets.ISO_8859_1));
            Thread back = Thread.ofVirtual().start(() -> copy(fromBackend, client));
            try {
                if (flaw.equals(Optional.of(Flaw.ACCEPTS_COMPRESSED_CONTINUATIONS))) {
                    clearRsv1OnContinuations(new DataInputStream(fromClient), backend.getOutputStream());
                } else {
                    fromClient.transferTo(backend.getOutputStream());
                }
            } finally {
                backend.shutdownOutput(); // the client's end of stream, passed on as TCP would
            }
            back.join();
        } catch (IOException | InterruptedException e) {
            // the connection ended: nothing to relay any more
        }
    }

    /** The offer's parameter this flaw keeps from the server behind: the one it agrees to and does not honour. */
    private Optional<ExtensionParameter> hiddenParameter(List<Extension> offers) {
        String name = flaw.map(f -> switch (f) {
            case KEEPS_CONTEXT_AFTER_AGREEING_NOT_TO -> "server_no_context_takeover";
            case IGNORES_AGREED_WINDOW -> "server_max_window_bits";
            default -> "";
        }).orElse("");
        return offers.stream().filter(o -> o.name().equals(PerMessageDeflate.NAME)).findFirst()
                .flatMap(o -> o.parameters().stream().filter(p -> p.name().equals(name)).findFirst());
    }

    /** Copies the client's frames, clearing RSV1 on every continuation frame (opcode 0). */
    private static void clearRsv1OnContinuations(DataInputStream in, OutputStream out) throws IOException {
        byte[] payload = new byte[64 * 1024];
        while (true) {
            int first = in.read();
            if (first < 0) {
                return;
            }
            int second = in.readUnsignedByte();
            int code = second & 0x7f;
            byte[] extended = new byte[code == 126 ? 2 : code == 127 ? 8 : 0];
            in.readFully(extended);
            byte[] key = new byte[(second & 0x80) != 0 ? 4 : 0];
            in.readFully(key);
            long length = code < 126 ? code : 0;
            for (byte b : extended) {
                length = length << 8 | (b & 0xff);
            }
            out.write((first & 0x0f) == 0 ? first & ~0x40 : first);
            out.write(second);
            out.write(extended);
            out.write(key);
            for (long left = length; left > 0; ) {
                int count = (int) Math.min(payload.length, left);
                in.readFully(payload, 0, count);
                out.write(payload, 0, count);
                left -= count;
            }
            out.flush();
        }
    }

    /** Copies until the end of {@code in}, then ends the stream to {@code to} as TCP would (a half close). */
    private static void copy(InputStream in, Socket to) {
        try {
            in.transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException e) {
            // one side closed
        }
    }

    /** Reads an HTTP head, up to and with its empty line, as ISO-8859-1 text. */
    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            byte[] bytes = head.toByteArray();
            int n = bytes.length;
            if (n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n') {
                break;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static List<Extension> offers(String request) {
        List<String> lines = new ArrayList<>();
        for (String line : request.split("\r\n")) {
            if (line.regionMatches(true, 0, EXTENSIONS + ":", 0, EXTENSIONS.length() + 1)) {
                lines.add(line.substring(EXTENSIONS.length() + 1).trim());
            }
        }
        return switch (ExtensionHeaderParser.parse(lines)) {
            case ParsedExtensions.Malformed malformed -> List.of();
            case ParsedExtensions.Parsed parsed -> parsed.extensions();
        };
    }

    /** The request head without its extension lines and without its final empty line. */
    private static String withoutExtensions(String request) {
        StringBuilder out = new StringBuilder();
        for (String line : request.split("\r\n")) {
            if (!line.isEmpty() && !line.regionMatches(true, 0, EXTENSIONS + ":", 0, EXTENSIONS.length() + 1)) {
                out.append(line).append("\r\n");
            }
        }
        return out.toString();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        server.close();
    }
}
