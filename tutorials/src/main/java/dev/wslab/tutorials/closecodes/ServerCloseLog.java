package dev.wslab.tutorials.closecodes;

import dev.wslab.protocol.connection.ConnectionState;
import dev.wslab.server.Transition;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ServerCloseLog keeps the server's side of the story: every state transition the server logs (it
 * already writes them to its logger), so that the close code the server recorded can be read back.
 * The CLOSED line of an open connection reads like
 * {@code CLOSED code=1007 received=none sent=1007 (Invalid frame payload data) "..." not cleanly}.
 */
public final class ServerCloseLog implements Consumer<Transition> {

    private static final Pattern CODE = Pattern.compile("^code=(\\d+) ");

    private final List<Transition> transitions = new CopyOnWriteArrayList<>();

    @Override
    public void accept(Transition transition) {
        transitions.add(transition);
    }

    /** Returns the CLOSED transitions of connections that had opened (those carry a close code). */
    public List<Transition> closes() {
        return transitions.stream()
                .filter(t -> t.state() == ConnectionState.CLOSED && CODE.matcher(t.detail()).find())
                .toList();
    }

    /** Returns the close code of a CLOSED transition, if it has one. */
    public static OptionalInt codeOf(Transition transition) {
        Matcher matcher = CODE.matcher(transition.detail());
        return matcher.find() ? OptionalInt.of(Integer.parseInt(matcher.group(1))) : OptionalInt.empty();
    }

    /** Waits until {@code count} connections were logged CLOSED (or {@code limit} passed) and returns their lines. */
    public List<Transition> awaitCloses(int count, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (closes().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return closes();
    }
}
