package dev.wslab.conformance.clients;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.judge.CaseResult;
import dev.wslab.conformance.run.ServerSidePlay;
import dev.wslab.conformance.wire.WireConnection;
import dev.wslab.conformance.wire.WireLog;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.frame.Frame;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * ClientConformanceServer is {@code ./wslab conform-client}: a drop-in for Autobahn's fuzzingserver. It listens
 * where the spec's {@code url} says (never on every interface unless told: Autobahn binds all of them), and
 * serves the URL protocol, one WebSocket connection per request ({@link Command}); {@code /runCase} plays a
 * case with the suite as the server ({@link ServerSidePlay}).
 */
public final class ClientConformanceServer implements AutoCloseable {

    /** How long {@code /getCaseStatus} waits for a case that has not run yet. */
    static final Duration STATUS_WAIT = Duration.ofSeconds(60);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClientSpec spec;
    private final ClientCases cases;
    private final ClientResults results = new ClientResults();
    private final ServerSocket listener;
    private final Consumer<String> log;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private ClientConformanceServer(ClientSpec spec, ClientCases cases, ServerSocket listener, Consumer<String> log) {
        this.spec = spec;
        this.cases = cases;
        this.listener = listener;
        this.log = log;
    }

    /**
     * Starts listening on the spec's host and port (port 0: any free one), and serves until {@code /stopServer},
     * {@code /updateReports?shutdownOnComplete=true} or {@link #close()}.
     *
     * @param log where the server writes one line per case and per refused request
     */
    public static ClientConformanceServer start(ClientSpec spec, Consumer<String> log) throws IOException {
        ClientCases cases = ClientCases.selecting(spec::selects);
        if (cases.count() == 0) {
            throw new IllegalArgumentException("no client-mode case matches " + spec.cases() + " without "
                    + spec.excludeCases());
        }
        ServerSocket listener = new ServerSocket();
        int port = spec.url().getPort() < 0 ? 80 : spec.url().getPort();
        listener.bind(new InetSocketAddress(InetAddress.getByName(spec.url().getHost()), port));
        ClientConformanceServer server = new ClientConformanceServer(spec, cases, listener, log);
        Thread.ofPlatform().name("conform-client-accept").daemon().start(server::acceptLoop);
        return server;
    }

    /** Returns the port the server listens on. */
    public int port() {
        return listener.getLocalPort();
    }

    /** Returns the numbered cases the server plays. */
    public ClientCases cases() {
        return cases;
    }

    /** Returns the results so far, of every agent. */
    public ClientResults results() {
        return results;
    }

    /** Waits until the server has stopped. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Writes the reports of every agent so far into the spec's {@code outdir}. */
    public void writeReports() throws IOException {
        ClientReports.write(spec.outdir(), results.all());
    }

    @Override
    public void close() throws IOException {
        listener.close();
        stopped.countDown();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                Thread.ofVirtual().name("conform-client-connection").start(() -> serve(socket));
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    log.accept("accept failed: " + e.getMessage());
                }
            }
        }
        stopped.countDown();
    }

    private void serve(Socket socket) {
        try (socket) {
            java.util.Optional<ClientHandshake.Accepted> answered = ClientHandshake.answer(socket, cases, log);
            if (answered.isPresent()) {
                ClientHandshake.Accepted accepted = answered.get();
                act(accepted.command(), WireConnection.accepted(socket, accepted.afterHead(), accepted.log()),
                        accepted.log());
            }
        } catch (IOException e) {
            log.accept("connection ended: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void act(Command command, WireConnection wire, WireLog wireLog) throws IOException, InterruptedException {
        switch (command) {
            case Command.CaseCount count -> reply(wire, java.util.Optional.of(JSON.writeValueAsString(cases.count())));
            case Command.CaseInfo info -> reply(wire, java.util.Optional.of(JSON.writeValueAsString(Map.of("id", info.testCase().id(),
                    "description", info.testCase().description().replaceAll("\\s+", " ").strip()))));
            case Command.RunCase run -> runCase(run, wire, wireLog);
            case Command.CaseStatus status -> reply(wire, java.util.Optional.of(JSON.writeValueAsString(Map.of("behavior", status(status)))));
            case Command.UpdateReports update -> {
                results.awaitIdle(Duration.ofSeconds(30));
                writeReports();
                log.accept("reports of " + results.all().keySet() + " written to " + spec.outdir());
                reply(wire, java.util.Optional.empty());
                if (update.after() == Command.AfterReports.SHUT_DOWN) {
                    close();
                }
            }
            case Command.StopServer stop -> {
                wire.close();
                close();
            }
        }
    }

    private void runCase(Command.RunCase run, WireConnection wire, WireLog wireLog) throws InterruptedException, IOException {
        ConformanceCase testCase = run.testCase();
        if (spec.excludedFor(run.agent(), testCase.id())) {
            log.accept("case " + testCase.id() + " is excluded for " + run.agent() + " (exclude-agent-cases)");
            reply(wire, java.util.Optional.empty());
            return;
        }
        results.starting();
        CaseResult result;
        try {
            result = ServerSidePlay.play(testCase, wire, wireLog);
        } catch (RuntimeException | InterruptedException e) {
            results.abandon();
            throw e;
        }
        results.finished(run.agent(), result);
        log.accept("case " + testCase.id() + " (" + run.number() + "/" + cases.count() + ") " + run.agent() + ": "
                + result.behavior().autobahnName() + " / " + result.close().autobahnName()
                + (result.verdict().isFailure() ? " - " + result.reason() : ""));
    }

    /**
     * The status of a case for an agent. Unlike Autobahn, whose status request for an excluded case never
     * answers, an excluded case answers {@code EXCLUDED}, and one that has not run within a minute {@code NOT RUN}.
     */
    private String status(Command.CaseStatus status) throws InterruptedException {
        if (spec.excludedFor(status.agent(), status.testCase().id())) {
            return "EXCLUDED";
        }
        return results.await(status.agent(), status.testCase(), STATUS_WAIT)
                .map(result -> result.behavior().autobahnName()).orElse("NOT RUN");
    }

    /** Sends {@code text}, if any, then a Close without status code, as Autobahn does; then ends. */
    private static void reply(WireConnection wire, java.util.Optional<String> text) throws IOException, InterruptedException {
        try (wire) {
            if (text.isPresent()) {
                wire.send(Frame.text(text.get()));
            }
            wire.send(Frame.close(CloseStatus.NO_STATUS));
            wire.awaitCloseOrViolation(Duration.ofSeconds(1));
        }
    }
}
