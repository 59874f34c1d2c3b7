package dev.wslab.protocol.deflate;

/**
 * Whether a compressor may refer, in one message, to the bytes of the messages it compressed before
 * (RFC 7692 §7.1.1: "context takeover"). Agreed per direction: a side that must not use it starts each
 * message with an empty window, and its peer may then forget the window between messages too.
 */
public enum ContextTakeover {
    /** The window carries over from message to message: better ratios, a window held per connection. */
    KEPT,
    /** Each message starts with an empty window ({@code *_no_context_takeover} was agreed). */
    RESET
}
