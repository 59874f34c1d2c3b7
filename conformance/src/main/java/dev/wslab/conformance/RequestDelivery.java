package dev.wslab.conformance;

import java.time.Duration;

/**
 * RequestDelivery is how the suite hands its opening handshake request to the server: at once, or in the
 * slow ways attackers use to hold a server's connections (slowloris).
 */
// tag::delivery[]
public sealed interface RequestDelivery {

    /** The whole request in one write, as any client sends it. */
    RequestDelivery WHOLE = new Whole();

    /** The request in one write. */
    record Whole() implements RequestDelivery {
    }

    /**
     * The request in writes of {@code size} bytes each, as fast as TCP takes them: a parser that re-reads
     * the whole head on every read turns this into quadratic work (tungstenite CVE-2023-43669).
     */
    record Chopped(int size) implements RequestDelivery {
        public Chopped {
            if (size < 1) {
                throw new IllegalArgumentException("a chop has at least one byte");
            }
        }
    }

    /**
     * The request line, then one more header line every {@code interval}, never the empty line that ends
     * the head: a slowloris client, which only an absolute handshake deadline stops.
     */
    record Trickled(Duration interval) implements RequestDelivery {
    }

    /** Nothing at all: a connection opened and left silent. */
    record Silent() implements RequestDelivery {
    }
}
// end::delivery[]
