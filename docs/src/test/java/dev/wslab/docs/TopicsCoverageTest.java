package dev.wslab.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every item of TOPICS.md, the list of what the tutorials must teach, is on its page: each item names the
 * page and phrases (the facts and numbers of the item) that the rendered page must contain.
 */
@DisplayName("every topic the tutorials must teach is on its page")
class TopicsCoverageTest {

    /** One item of TOPICS.md: where it is taught, and phrases that show it is. */
    record Topic(String item, String page, List<String> phrases) {
        @Override
        public String toString() {
            return item + " → " + page;
        }
    }

    static Stream<Topic> topics() {
        return Stream.of(
                // 1. The opening handshake, and why it fails
                topic("1.1 the request and the 101 answer", "learn/handshake",
                        "Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Key", "Sec-WebSocket-Version: 13",
                        "101 Switching Protocols", "Sec-WebSocket-Accept"),
                topic("1.2 what each failure status means", "learn/handshake", "400", "401", "403", "Origin", "426", "429", "5xx"),
                topic("1.3 intermediaries strip hop-by-hop headers", "learn/handshake", "hop-by-hop"),
                topic("1.4 DevTools Network tab, WS filter", "learn/handshake", "DevTools", "Network"),
                topic("1.lab a proxy that strips Upgrade", "learn/handshake", "UpgradeStrippingProxy"),
                // 2. Close codes
                topic("2.1 the close codes", "production/close-codes", "1000", "1001", "1002", "1003", "1005", "1006", "1007",
                        "1008", "1009", "1010", "1011", "1012", "1013", "1014", "1015"),
                topic("2.2 application codes 4000-4999", "production/close-codes", "4001", "4002", "4003"),
                topic("2.3 log code and reason on both sides", "production/close-codes", "both sides"),
                // 3. Heartbeats and silent disconnects
                topic("3.1 idle timeouts and zombies", "production/heartbeats", "proxy_read_timeout", "60 s", "100 s", "zombie"),
                topic("3.2 ping/pong, intervals", "production/heartbeats", "§5.5.2", "25 s"),
                topic("3.3 the war story", "production/heartbeats", "55 s", "61 s", "35 s"),
                topic("3.4 application-level heartbeat in browsers", "production/reconnect", "sequence number"),
                topic("3.lab the zombie and the heartbeat that finds it", "production/heartbeats", "zombie"),
                // 4. Data frame errors and limits
                topic("4.1 UTF-8 (1007) and oversized messages (1009)", "learn/utf8", "1007", "1009"),
                topic("4.2 resource exhaustion", "production/limits", "ulimit -n", "file descriptor"),
                // 5. Reconnecting without a storm
                topic("5.1 backoff with jitter", "production/reconnect", "jitter", "30 s", "50 %", "1000"),
                topic("5.2 rate limiting on the server", "production/reconnect", "429"),
                topic("5.lab the storm, with and without jitter", "production/reconnect", "handshakes"),
                // 6. Session recovery
                topic("6.1 resume from the last id; stateless servers and a broker", "production/session-recovery", "pub/sub"),
                // 7. Seeing what the browser hides
                topic("7.1 packet capture with tcpdump and tshark", "production/debugging", "tcpdump", "tshark", "websocket",
                        "tcp.analysis.retransmission", "mitmproxy"),
                topic("7.2 state-transition logs", "production/debugging", "CONNECTING", "OPEN", "CLOSING", "CLOSED"),
                // 8. Proxy and load balancer configuration
                topic("8.1 nginx, HAProxy, ALB, Cloudflare", "production/proxies", "proxy_http_version 1.1", "proxy_read_timeout",
                        "timeout tunnel", "ALB", "Cloudflare"),
                // 9. Monitoring
                topic("9.1 what to track, the Prometheus way", "production/monitoring", "1006", "round-trip", "Prometheus"),
                // 10. Compression (permessage-deflate, RFC 7692)
                topic("10.1 browsers offer it, the server decides; the parameters", "production/compression",
                        "permessage-deflate; client_max_window_bits", "server_no_context_takeover",
                        "client_no_context_takeover", "server_max_window_bits", "client_max_window_bits"),
                topic("10.2 the removed tail, RSV1 on the first frame only", "production/compression",
                        "00 00 ff ff", "RSV1", "first frame only", "f2 48 cd c9 c9 07 00", "f2 00 11 00 00"),
                topic("10.3 the cost: memory per connection with and without takeover, CPU per MB", "production/compression",
                        "Memory per idle connection", "Native KiB", "MB/s", "2026-12-03"),
                topic("10.4 when to turn it off", "production/compression", "Small messages", "CPU",
                        "Many idle connections", "CRIME", "BREACH"),
                topic("10.lab a decompression bomb stopped at the limit; memory per setting", "production/compression",
                        "1009", "DecompressionBombLab", "DeflateMemory"));
    }

    private static Topic topic(String item, String page, String... phrases) {
        return new Topic(item, page, List.of(phrases));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void isTaughtOnItsPage(Topic topic) {
        String text = Site.page(topic.page() + ".html").select("#content").text().replace('\u2019', '\'');
        assertThat(text).as(topic.item()).contains(topic.phrases());
    }
}
