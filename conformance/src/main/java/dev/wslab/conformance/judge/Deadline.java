package dev.wslab.conformance.judge;

/**
 * Deadline tells how a case's connection came to its end, measured against the case's deadline: the judge
 * asks it before it looks at any Close frame, since a server that had to close and did not is judged for
 * that alone.
 */
public enum Deadline {
    /** The connection ended in time: the server closed it, or answered the suite's Close, before the deadline. */
    ENDED_IN_TIME,
    /** The server did not end the connection by the deadline, so the suite closed it. */
    SUITE_CLOSED_AT_DEADLINE
}
