package dev.wslab.conformance.clients;

import dev.wslab.conformance.ConformanceCase;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Command is what one connection to the conformance server asks for, read from its request target as
 * Autobahn's fuzzingserver reads it ({@code fuzzing.py FuzzingServerProtocol.onConnect}). A bad parameter is a
 * {@link BadRequest}, which the server answers with HTTP 500 and one log line.
 */
public sealed interface Command {

    /** {@code /getCaseCount}: a text message with the number of cases, then Close without status code. */
    record CaseCount() implements Command {
    }

    /** {@code /getCaseInfo?case=N|casetuple=X.Y.Z}: {@code {"id", "description"}}, then Close. */
    record CaseInfo(ConformanceCase testCase) implements Command {
    }

    /** {@code /runCase?case=N&agent=A}: the case plays on this connection. */
    record RunCase(ConformanceCase testCase, int number, String agent) implements Command {
    }

    /** {@code /getCaseStatus?case=N&agent=A}: {@code {"behavior": ...}} once the result exists, then Close. */
    record CaseStatus(ConformanceCase testCase, String agent) implements Command {
    }

    /** {@code /updateReports?agent=A[&shutdownOnComplete=true]}: writes the reports, then Close. */
    record UpdateReports(String agent, AfterReports after) implements Command {
    }

    /** {@code /stopServer}: stops at once, without reports. */
    record StopServer() implements Command {
    }

    /** What the server does once {@code /updateReports} has written the reports. */
    enum AfterReports { KEEP_SERVING, SHUT_DOWN }

    /** A request the server answers with HTTP 500. */
    final class BadRequest extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }

    /** Reads a request target such as {@code /runCase?case=3&agent=ws}. */
    static Command parse(String target, ClientCases cases) {
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        Map<String, String> query = query(question < 0 ? "" : target.substring(question + 1));
        return switch (path) {
            case "/getCaseCount" -> new CaseCount();
            case "/getCaseInfo" -> new CaseInfo(testCase(query, cases));
            case "/runCase" -> {
                ConformanceCase testCase = testCase(query, cases);
                yield new RunCase(testCase, cases.cases().indexOf(testCase) + 1, agent(query));
            }
            case "/getCaseStatus" -> new CaseStatus(testCase(query, cases), agent(query));
            case "/updateReports" -> new UpdateReports(agent(query),
                    query.getOrDefault("shutdownOnComplete", "").matches("(?i)true|yes")
                            ? AfterReports.SHUT_DOWN : AfterReports.KEEP_SERVING);
            case "/stopServer" -> new StopServer();
            default -> throw new BadRequest("unknown path " + path + " (wslab has no direct command mode)");
        };
    }

    /** {@code case} wins over {@code casetuple}, as in Autobahn (it is parsed second there). */
    private static ConformanceCase testCase(Map<String, String> query, ClientCases cases) {
        if (query.containsKey("case")) {
            String number = query.get("case");
            if (!number.matches("\\d{1,9}")) {
                throw new BadRequest("case must be a number from 1 to " + cases.count() + ", got '" + number + "'");
            }
            return cases.byNumber(Integer.parseInt(number)).orElseThrow(() -> new BadRequest(
                    "case " + number + " is out of range: there are " + cases.count() + " cases"));
        }
        if (query.containsKey("casetuple")) {
            String id = query.get("casetuple");
            return cases.byId(id).orElseThrow(() -> new BadRequest(
                    "casetuple " + id + " is not among the " + cases.count() + " selected cases"));
        }
        throw new BadRequest("missing case=N or casetuple=X.Y.Z");
    }

    private static String agent(Map<String, String> query) {
        String agent = query.getOrDefault("agent", "");
        if (agent.isBlank()) {
            throw new BadRequest("missing agent=NAME");
        }
        return agent;
    }

    private static Map<String, String> query(String text) {
        Map<String, String> values = new HashMap<>();
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            values.put(name, value);
        }
        return values;
    }
}
