// wslab-client.js: a browser WebSocket client that notices a dead connection and comes back politely.
//
// The browser's WebSocket API hides ping and pong frames (RFC 6455 §5.5.2, §5.5.3): the browser answers
// the server's pings itself, and a page can neither send a ping nor see a pong. So this client runs its
// own heartbeat in application messages:
//
//   client → server   {"type":"ping","seq":7}
//   server → client   {"type":"pong","seq":7}
//
// Plain modern JavaScript, an ES module, no build step: <script type="module"> imports it as it is.

/** The defaults: a ping every 30 s, a pong expected within 5 s, reconnect after 1 s, 2 s, 4 s ... 30 s. */
export const DEFAULTS = Object.freeze({
    heartbeatIntervalMs: 30_000,
    pongTimeoutMs: 5_000,
    backoffBaseMs: 1_000,
    backoffCapMs: 30_000,
    jitterRatio: 0.5,
});

// tag::backoff[]
/**
 * Returns how long to wait before reconnect attempt `attempt` (0 for the first one after a drop):
 * base · 2^attempt, at most the cap, plus a random extra of up to jitterRatio (50 %) of that delay.
 * Without the extra, every client dropped by the same server restart would come back at the same instant.
 */
export function backoffDelay(attempt, options = DEFAULTS, random = Math.random) {
    const delay = Math.min(options.backoffCapMs, options.backoffBaseMs * 2 ** attempt);
    return Math.round(delay + random() * options.jitterRatio * delay);
}
// end::backoff[]

/** A WebSocket that keeps itself alive and reconnects, until close() or a close with code 1000. */
export class ReconnectingWebSocket {

    /**
     * @param url the ws:// or wss:// URL
     * @param options any of DEFAULTS to override, plus
     *        onmessage(data): the application's messages (everything but the pongs),
     *        onlog(entry): every log entry, {at: ISO timestamp, text: "OPEN ..."}, also written to the console
     */
    constructor(url, options = {}) {
        this.url = url;
        this.options = { ...DEFAULTS, ...options };
        this.socket = null;
        this.attempts = 0;        // connection attempts so far
        this.failures = 0;        // attempts in a row that did not end in an open connection
        this.seq = 0;             // the last ping's sequence number; it keeps growing across reconnects
        this.awaitedSeq = null;   // the ping whose pong we wait for, or null
        this.pingSentAt = 0;
        this.heartbeatTimer = null;
        this.pongTimer = null;
        this.reconnectTimer = null;
        this.stopped = false;
        this.#open();
    }

    /** Sends an application message; returns false when not connected (the caller decides what to do). */
    send(data) {
        if (this.socket?.readyState !== WebSocket.OPEN) {
            return false;
        }
        this.socket.send(data);
        return true;
    }

    /** Closes deliberately with 1000 (Normal Closure): no reconnect follows. */
    close(reason = 'closed by the application') {
        this.stopped = true;
        clearTimeout(this.reconnectTimer);
        this.#stopHeartbeat();
        if (this.socket && this.socket.readyState <= WebSocket.OPEN) {
            this.#log(`CLOSING code=1000 reason="${reason}"`);
            this.socket.close(1000, reason);
        }
    }

    // tag::state-log[]
    /** Logs one line with a timestamp: the state transitions, the heartbeat, the reconnect decisions. */
    #log(text) {
        const entry = { at: new Date().toISOString(), text };
        console.log(`${entry.at} ${text}`);
        this.options.onlog?.(entry);
    }

    #open() {
        this.#log(`CONNECTING ${this.url} (attempt ${++this.attempts})`);
        const socket = new WebSocket(this.url);
        this.socket = socket;
        socket.onopen = () => this.#onOpen();
        socket.onmessage = (event) => this.#onMessage(event.data);
        // onerror carries no detail at all (not even the HTTP status of a refused handshake): onclose follows.
        socket.onerror = () => this.#log('ERROR (the browser tells no more; the close code follows)');
        socket.onclose = (event) => this.#onClose(event.code, event.reason, event.wasClean);
    }
    // end::state-log[]

    #onOpen() {
        this.failures = 0; // an open connection: the next drop starts again from the base delay
        this.#log('OPEN');
        this.#startHeartbeat();
    }

    #onMessage(data) {
        let message = null;
        try {
            message = JSON.parse(data);
        } catch {
            // not JSON: an application message
        }
        if (message?.type === 'pong') {
            this.#onPong(message.seq);
        } else {
            this.options.onmessage?.(data);
        }
    }

    // tag::heartbeat[]
    #startHeartbeat() {
        this.heartbeatTimer = setInterval(() => this.#ping(), this.options.heartbeatIntervalMs);
    }

    #ping() {
        if (this.awaitedSeq !== null) {
            return; // the previous ping is still in flight: its timeout decides
        }
        const seq = ++this.seq;
        this.awaitedSeq = seq;
        this.pingSentAt = performance.now();
        this.socket.send(JSON.stringify({ type: 'ping', seq }));
        this.pongTimer = setTimeout(() => this.#abandon(4000, `no pong for ping ${seq}`),
            this.options.pongTimeoutMs);
    }

    #onPong(seq) {
        if (seq !== this.awaitedSeq) {
            // An answer to an older ping, e.g. one sent before a reconnect: it proves nothing about now.
            this.#log(`PONG seq=${seq} stale (awaiting ${this.awaitedSeq}): ignored`);
            return;
        }
        clearTimeout(this.pongTimer);
        this.awaitedSeq = null;
        this.#log(`PONG seq=${seq} rtt=${Math.round(performance.now() - this.pingSentAt)}ms`);
    }

    #stopHeartbeat() {
        clearInterval(this.heartbeatTimer);
        clearTimeout(this.pongTimer);
        this.awaitedSeq = null;
    }
    // end::heartbeat[]

    /**
     * Gives up on a connection that stopped answering. Its close handshake may never complete (the peer
     * or the path is gone), so we do not wait for onclose: we forget the socket and reconnect at once.
     */
    #abandon(code, reason) {
        const socket = this.socket;
        socket.onopen = socket.onmessage = socket.onerror = socket.onclose = null;
        this.#log(`CLOSING code=${code} reason="${reason}"`);
        socket.close(code, reason);
        this.#onClose(code, reason, false);
    }

    // tag::reconnect[]
    #onClose(code, reason, wasClean) {
        this.#stopHeartbeat();
        this.#log(`CLOSED code=${code} reason="${reason}" clean=${wasClean}`);
        if (this.stopped || code === 1000) {
            this.stopped = true;
            this.#log('STOPPED: a deliberate close (1000), no reconnect');
            return;
        }
        const delay = backoffDelay(this.failures, this.options);
        this.failures++;
        this.#log(`RECONNECT in ${delay}ms (failures in a row: ${this.failures})`);
        this.reconnectTimer = setTimeout(() => this.#open(), delay);
    }
    // end::reconnect[]
}
