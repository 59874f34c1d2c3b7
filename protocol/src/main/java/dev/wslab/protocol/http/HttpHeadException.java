package dev.wslab.protocol.http;

import java.util.Objects;

/**
 * HttpHeadException is how {@link HttpHeadParser} refuses a head: it carries the {@link HttpHeadProblem}
 * and what exactly was seen.
 *
 * <p>Like the frame decoder's exception it is the only exception bytes from the network can cause here.
 */
public final class HttpHeadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final HttpHeadProblem problem;
    private final String detail;

    /** Creates the exception for {@code problem}, with what was seen in {@code detail} (may be empty). */
    public HttpHeadException(HttpHeadProblem problem, String detail) {
        super(message(problem, detail), null, false, false);
        this.problem = Objects.requireNonNull(problem, "problem");
        this.detail = Objects.requireNonNull(detail, "detail");
    }

    private static String message(HttpHeadProblem problem, String detail) {
        return problem.description() + (detail.isEmpty() ? "" : " (" + detail + ")");
    }

    /** Returns the problem found. */
    public HttpHeadProblem problem() {
        return problem;
    }

    /** Returns what exactly was seen, for logs and error pages; may be empty. */
    public String detail() {
        return detail;
    }

    /** Returns the status a server answers with; a shortcut for {@code problem().status()}. */
    public int status() {
        return problem.status();
    }
}
