package dev.wslab.conformance.properties;

import dev.wslab.conformance.Step;
import dev.wslab.protocol.frame.Frame;

import java.util.List;

/**
 * Scenario is what a property sends to the server: a valid {@link Conversation}, or a
 * {@link BrokenConversation} with one rule broken in it; or the same over permessage-deflate, a
 * {@link CompressedConversation} or a {@link BrokenCompressedConversation}.
 */
public sealed interface Scenario permits Conversation, BrokenConversation, CompressedConversation,
        BrokenCompressedConversation {

    /** Returns every frame, in order, as sent before masking. */
    List<Frame> frames();

    /** Returns how the frames' bytes are split into TCP writes. */
    Step.Writing writing();
}
