package dev.wslab.tutorials.debugging;

import dev.wslab.server.Transition;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * TransitionPatterns reads a server's state-transition log the way an operator would, looking for the two
 * patterns that point at a cause:
 *
 * <ul>
 *   <li><b>thrashing</b>: many connections that open and close again almost at once. Clients reconnect
 *       into something that refuses them right after the handshake (an expired token, a policy close, a
 *       crashing handler): look at the close codes in the CLOSED lines, and at the clients' backoff.</li>
 *   <li><b>slow CONNECTING</b>: a long time between CONNECTING (TCP accepted) and OPEN (handshake done).
 *       The server was waiting for the client's bytes: the network (loss, retransmissions, a congested
 *       link, a slow TLS path) or a proxy holding the request. Look at a packet capture.</li>
 * </ul>
 */
public final class TransitionPatterns {

    private TransitionPatterns() {
    }

    /** Groups a log's lines by connection (the remote address and port), in the order connections began. */
    public static List<ConnectionLife> lives(List<Transition> log) {
        Map<SocketAddress, ConnectionLife> lives = new LinkedHashMap<>();
        List<ConnectionLife> ended = new ArrayList<>();
        for (Transition t : log) {
            ConnectionLife life = lives.get(t.remote());
            switch (t.state()) {
                case CONNECTING -> lives.put(t.remote(),
                        new ConnectionLife(t.remote(), t.at(), Optional.empty(), Optional.empty(), ""));
                case OPEN -> {
                    if (life != null) {
                        lives.put(t.remote(), new ConnectionLife(life.remote(), life.connecting(), Optional.of(t.at()),
                                life.closed(), life.closeDetail()));
                    }
                }
                case CLOSED -> {
                    if (life != null) {
                        // a client port may be reused later: this connection is over
                        ended.add(new ConnectionLife(life.remote(), life.connecting(), life.opened(),
                                Optional.of(t.at()), t.detail()));
                        lives.remove(t.remote());
                    }
                }
                case CLOSING -> {
                }
            }
        }
        List<ConnectionLife> all = new ArrayList<>(ended);
        all.addAll(lives.values());
        all.sort((a, b) -> a.connecting().compareTo(b.connecting()));
        return all;
    }

    // tag::patterns[]
    /** Returns the connections that opened and were closed again within {@code maxOpen}. */
    public static List<ConnectionLife> shortLived(List<Transition> log, Duration maxOpen) {
        return lives(log).stream()
                .filter(life -> life.openFor().map(d -> d.compareTo(maxOpen) <= 0).orElse(false))
                .toList();
    }

    /** Thrashing: at least {@code cycles} connections that each lived no longer than {@code maxOpen}. */
    public static boolean thrashing(List<Transition> log, int cycles, Duration maxOpen) {
        return shortLived(log, maxOpen).size() >= cycles;
    }

    /** Returns the connections that stayed in CONNECTING (opened late, or never) longer than {@code threshold}. */
    public static List<ConnectionLife> slowConnecting(List<Transition> log, Duration threshold) {
        return lives(log).stream()
                .filter(life -> life.connectingFor().map(d -> d.compareTo(threshold) > 0).orElse(false))
                .toList();
    }
    // end::patterns[]
}
