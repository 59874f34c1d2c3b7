package dev.wslab.tutorials.handshake;

import dev.wslab.server.Transition;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** ServerLog keeps the state transitions a server logs, so that a test can read the server's side of a refusal. */
final class ServerLog implements Consumer<Transition> {

    private final List<Transition> transitions = new CopyOnWriteArrayList<>();

    @Override
    public void accept(Transition transition) {
        transitions.add(transition);
    }

    /**
     * Returns the first logged line containing {@code text}, waiting up to 10 s for it: the server logs a
     * refusal after it wrote the answer, so the client may read the answer first. Empty string if none.
     */
    String awaitLine(String text) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (Transition transition : transitions) {
                if (transition.toString().contains(text)) {
                    return transition.toString();
                }
            }
            Thread.sleep(20);
        }
        return "";
    }
}
